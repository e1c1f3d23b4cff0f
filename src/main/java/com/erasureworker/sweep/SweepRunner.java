package com.erasureworker.sweep;

import com.erasureworker.pipeline.PipelineRunner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Works the due sweep run, if any, as far as it goes now: enumeration from its saved page, then (real runs) the
 * ticket and its targets. Safe to call from several threads and replicas at once: the run is leased
 * ({@code FOR UPDATE SKIP LOCKED}), so only one of them works it; a replica that dies mid-run loses the lease after
 * {@code worker.lease-duration} and the next call resumes the run where it stopped.
 */
@ApplicationScoped
public class SweepRunner {

    private static final Logger LOG = Logger.getLogger(SweepRunner.class);

    private final SweepLifecycle lifecycle;
    private final SweepEnumeration enumeration;
    private final SweepTicket ticket;
    private final String owner;

    SweepRunner(SweepLifecycle lifecycle, SweepEnumeration enumeration, SweepTicket ticket,
            PipelineRunner pipeline) {
        this.lifecycle = lifecycle;
        this.enumeration = enumeration;
        this.ticket = ticket;
        this.owner = pipeline.owner();
    }

    /** @return whether a run was claimed and worked */
    public boolean runDue() {
        Optional<SweepRun> claimed = lifecycle.claim(owner);
        if (claimed.isEmpty()) {
            return false;
        }
        SweepRun run = claimed.get();
        try {
            if (run.state == SweepState.ENUMERATING && !enumeration.run(run, owner).isOk()) {
                return true;
            }
            if (lifecycle.state(run.id) == SweepState.ENQUEUING) {
                ticket.enqueue(run.id, owner);
            }
        } catch (SweepLifecycle.LeaseLost lost) {
            LOG.warnf("sweep %s: lease taken over by another replica; stopping here", run.id);
        } catch (RuntimeException e) {
            // The type only: messages of unexpected errors are not vetted for privacy. The run resumes later.
            LOG.errorf("sweep %s stopped with %s; it resumes after a backoff, or fails once its attempts run out",
                    run.id, e.getClass().getName());
            lifecycle.crashed(run.id, owner, e);
        }
        return true;
    }
}
