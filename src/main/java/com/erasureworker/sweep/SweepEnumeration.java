package com.erasureworker.sweep;

import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.DixaPagination;
import com.erasureworker.dixa.RateLane;
import com.erasureworker.dixa.SearchHit;
import com.erasureworker.dixa.SearchParameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Walks Dixa's filtered search ({@code Status IsOneOf [closed]}, {@code ClosedDate Between} one time window,
 * optional channels) window by window ({@link SearchWindows}) and page by page with {@link DixaPagination#forEachPage},
 * from the run's saved window and page key, saving each page together with the key of the next before asking for it,
 * and stopping once the run is full. An incremental run starts at the policy's watermark, so it asks only about the
 * closes since the last run. A window that would page deeper than {@code SWEEP_SEARCH_DEPTH} is split; a 400 on a
 * window's first page halves the page size (a 400 deeper in a window is taken as Dixa's own depth limit, and splits
 * it); a window of one second (a bulk close) cannot be split and is paged as deep as Dixa allows. Search calls run in
 * the {@link RateLane#SWEEP} lane, outside any transaction.
 */
@ApplicationScoped
class SweepEnumeration {

    private final DixaClient dixa;
    private final SweepLifecycle lifecycle;
    private final SweepConfig config;

    SweepEnumeration(DixaClient dixa, SweepLifecycle lifecycle, SweepConfig config) {
        this.dixa = dixa;
        this.lifecycle = lifecycle;
        this.config = config;
    }

    /** How one window's walk ended. */
    private enum WindowEnd { READ, TOO_DEEP, FULL, REFUSED, FAILED }

    /** A window's walk: how it ended, and Dixa's failure when it was refused or failed. */
    private record Walk(WindowEnd end, DixaOutcome<?> failure) {
        Walk(WindowEnd end) {
            this(end, null);
        }
    }

    /**
     * Carries on from the run's saved window and page key to the cutoff (or the run's limit).
     *
     * @return OK when enumeration is complete, else the Dixa failure that stopped it (already recorded)
     */
    DixaOutcome<Void> run(SweepRun run, String owner) {
        List<String> channels = RetentionPolicy.splitChannels(run.channels);
        Optional<SearchWindows.Cursor> cursor = Optional.of(
                lifecycle.windows(run.id, owner, config.watermarkOverlap(), config.pageSize()));
        while (cursor.isPresent()) {
            SearchWindows.Cursor window = cursor.get();
            if (window.room() <= 0) {
                lifecycle.enumerated(run.id, owner, true);
                return DixaOutcome.ok(null, List.of());
            }
            if (!window.from().isBefore(window.to())) {
                cursor = lifecycle.windowDone(run.id, owner, config.searchDepth());
                continue;
            }
            Walk walk = walk(run, owner, window, channels);
            switch (walk.end()) {
                case READ -> cursor = lifecycle.windowDone(run.id, owner, config.searchDepth());
                case FULL -> {
                    lifecycle.enumerated(run.id, owner, true);
                    return DixaOutcome.ok(null, List.of());
                }
                case TOO_DEEP -> {
                    cursor = lifecycle.splitWindow(run.id, owner);
                    if (cursor.isEmpty()) {
                        // Only Dixa's own 400 gets here: a window of one second is never split for our depth.
                        lifecycle.failed(run.id, owner, walk.failure());
                        return walk.failure().map(value -> null);
                    }
                }
                case REFUSED -> {
                    cursor = lifecycle.halvePageSize(run.id, owner);
                    if (cursor.isEmpty()) {
                        lifecycle.failed(run.id, owner, walk.failure());
                        return walk.failure().map(value -> null);
                    }
                }
                case FAILED -> {
                    lifecycle.failed(run.id, owner, walk.failure());
                    return walk.failure().map(value -> null);
                }
            }
        }
        lifecycle.enumerated(run.id, owner, false);
        return DixaOutcome.ok(null, List.of());
    }

    /** One window from its saved page key to its end, the run's limit, or the depth the search allows. */
    private Walk walk(SweepRun run, String owner, SearchWindows.Cursor window, List<String> channels) {
        SearchParameters parameters = SearchParameters.closedBetween(window.from(), window.to(), channels);
        int[] hits = {window.hits()};
        int[] room = {window.room()};
        boolean[] tooDeep = {false};
        // A window too short to split (a bulk close: thousands closed in one second) is paged as deep as Dixa allows.
        boolean capped = SearchWindows.half(window.from(), window.to()).isPresent();
        String[] nextKey = {window.pageKey()};
        DixaOutcome<Long> walked = DixaPagination.forEachPage(window.pageKey(),
                key -> RateLane.with(RateLane.SWEEP,
                        () -> dixa.searchConversations(parameters, window.pageSize(), key)),
                (items, next) -> {
                    room[0] = lifecycle.savePage(run.id, owner, items.stream().map(SearchHit::id).toList(), next);
                    hits[0] += items.size();
                    nextKey[0] = next;
                    tooDeep[0] = capped && next != null
                            && SearchWindows.tooDeep(hits[0], window.pageSize(), config.searchDepth());
                    return room[0] > 0 && !tooDeep[0];
                });
        if (!walked.isOk()) {
            if (walked.kind() == DixaOutcome.Kind.BAD_REQUEST) {
                // Deeper than Dixa pages (its limit may be below ours), or a page size it refuses.
                return new Walk(hits[0] > 0 ? WindowEnd.TOO_DEEP : WindowEnd.REFUSED, walked);
            }
            return new Walk(WindowEnd.FAILED, walked);
        }
        if (nextKey[0] == null) {
            return new Walk(WindowEnd.READ);
        }
        return new Walk(room[0] <= 0 ? WindowEnd.FULL : WindowEnd.TOO_DEEP);
    }
}
