package com.erasureworker.sweep;

import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.DixaPagination;
import com.erasureworker.dixa.RateLane;
import com.erasureworker.dixa.SearchHit;
import com.erasureworker.dixa.SearchParameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Walks Dixa's filtered search ({@code Status IsOneOf [closed]}, {@code ClosedDate Until <cutoff>}, optional
 * channels) page by page with {@link DixaPagination#forEachPage}, from the run's saved page key, saving each page
 * together with the key of the next before asking for it, and stopping once the run is full. Search calls run in the
 * {@link RateLane#SWEEP} lane, outside any transaction.
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
        int[] room = {run.maxConversations - run.toErase()};
        if (room[0] <= 0) {
            lifecycle.enumerated(run.id, owner, true);
            return DixaOutcome.ok(null, List.of());
        }
        String[] nextKey = {run.pageKey};
        DixaOutcome<Long> walked = DixaPagination.forEachPage(run.pageKey,
                key -> RateLane.with(RateLane.SWEEP, () -> dixa.searchConversations(parameters, config.pageSize(), key)),
                (hits, next) -> {
                    room[0] = lifecycle.savePage(run.id, owner, hits.stream().map(SearchHit::id).toList(), next);
                    nextKey[0] = next;
                    return room[0] > 0;
                });
        if (!walked.isOk()) {
            lifecycle.failed(run.id, owner, walked);
            return walked.map(value -> null);
        }
        // Stopped with pages left: the run is full (its limit was reached); otherwise the results ended.
        lifecycle.enumerated(run.id, owner, nextKey[0] != null);
        return DixaOutcome.ok(null, List.of());
    }
}
