package com.erasureworker.canary;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Starts canary runs (API or cron), one at a time cluster-wide, and reads them back. */
@ApplicationScoped
public class Canaries {

    private static final Logger LOG = Logger.getLogger(Canaries.class);
    private static final String ONE_ACTIVE = "canary_run_one_active";

    private final CanaryStore store;
    private final Clock clock;

    Canaries(CanaryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @throws ProblemException 409 while another run is under way */
    public UUID request(String actor) {
        try {
            return store.request(actor, Instant.now(clock));
        } catch (RuntimeException e) {
            if (!oneActiveViolated(e)) {
                throw e;
            }
            String active = store.active().map(run -> run.id.toString()).orElse("another run");
            throw new ProblemException(Problem.of(409, "canary-running", "A canary is already running",
                    "Canary run " + active + " is still under way; one run at a time.",
                    List.of(new Problem.FieldError("canary", "running: " + active))));
        }
    }

    /** The cron fired: start a run unless one is under way. */
    void scheduled() {
        try {
            store.request("system:cron", Instant.now(clock));
        } catch (RuntimeException e) {
            if (!oneActiveViolated(e)) {
                throw e;
            }
            LOG.info("canary skipped by the cron: the previous run is still under way");
        }
    }

    public CanaryRunView run(UUID id) {
        return store.find(id).map(CanaryRunView::of)
                .orElseThrow(() -> ProblemException.notFound("No canary run with this id."));
    }

    public CanaryRunView.Page list(int page, int size) {
        return new CanaryRunView.Page(store.page(page, size).stream().map(CanaryRunView::of).toList(), page, size,
                store.count());
    }

    private static boolean oneActiveViolated(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(ONE_ACTIVE)) {
                return true;
            }
        }
        return false;
    }
}
