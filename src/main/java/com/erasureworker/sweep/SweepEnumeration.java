package com.erasureworker.sweep;

import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.Page;
import com.erasureworker.dixa.RateLane;
import com.erasureworker.dixa.SearchHit;
import com.erasureworker.dixa.SearchParameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Walks Dixa's filtered search ({@code Status IsOneOf [closed]}, {@code ClosedDate Until <cutoff>}, optional
 * channels) page by page, saving each page with the key of the next before asking for it. It keeps its own loop
 * rather than {@code DixaPagination.forEachPage} because it must start from a saved key and stop once the run is
 * full. Search calls run in the {@link RateLane#SWEEP} lane, outside any transaction.
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

    /**
     * Carries on from the run's saved page key to the end of the results (or the run's limit).
     *
     * @return OK when enumeration is complete, else the Dixa failure that stopped it (already recorded)
     */
    DixaOutcome<Void> run(SweepRun run, String owner) {
        SearchParameters parameters = SearchParameters.closedBefore(run.cutoff,
                RetentionPolicy.splitChannels(run.channels));
        String pageKey = run.pageKey;
        int room = run.maxConversations - run.toErase();
        while (room > 0) {
            String key = pageKey;
            DixaOutcome<Page<SearchHit>> page = RateLane.with(RateLane.SWEEP,
                    () -> dixa.searchConversations(parameters, config.pageSize(), key));
            if (!page.isOk()) {
                lifecycle.failed(run.id, owner, page);
                return page.map(value -> null);
            }
            String next = page.value().nextPageKey().orElse(null);
            if (next != null && next.equals(pageKey)) {
                DixaOutcome<Void> loop = DixaOutcome.failure(DixaOutcome.Kind.TRANSIENT,
                        "pagination loop: next page key repeats", null, page.calls());
                lifecycle.failed(run.id, owner, loop);
                return loop;
            }
            List<Long> ids = page.value().items().stream().map(SearchHit::id).toList();
            room = lifecycle.savePage(run.id, owner, ids, next);
            if (next == null) {
                lifecycle.enumerated(run.id, owner, false);
                return DixaOutcome.ok(null, List.of());
            }
            pageKey = next;
        }
        lifecycle.enumerated(run.id, owner, true);
        return DixaOutcome.ok(null, List.of());
    }
}
