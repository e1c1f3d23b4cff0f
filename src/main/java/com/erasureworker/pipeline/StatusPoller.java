package com.erasureworker.pipeline;

import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.RateLane;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows Dixa's anonymization requests until {@code processedAt} appears, spending as few calls as Dixa's FIFO
 * queue allows: only the oldest outstanding request is read. While it is unprocessed, so are all younger ones; once it
 * is processed, the next oldest is read straight away (it is likely done too). A head far older than the queue's
 * recent processing time is read on its own schedule instead, and the next request becomes the head, so a request
 * Dixa never processes does not hide the others ({@link StatusReads#next}). An unprocessed request is read again
 * after max(min interval, age fraction × its age), so processedAt is noticed within max(2 s, 10 %) of the time it took.
 * Runs on one replica at a time (Quartz {@code @Nonconcurrent}, cluster-wide).
 */
@ApplicationScoped
class StatusPoller {

    private final DixaClient dixa;
    private final StatusReads reads;
    private final WorkerConfig config;
    private final Clock clock;

    StatusPoller(DixaClient dixa, StatusReads reads, WorkerConfig config, Clock clock) {
        this.dixa = dixa;
        this.reads = reads;
        this.config = config;
        this.clock = clock;
    }

    void pollDue() {
        Instant deadline = Instant.now(clock).plus(config.maxRun());
        boolean predecessorProcessed = false;
        while (Instant.now(clock).isBefore(deadline)) {
            Optional<StatusReads.Due> due = reads.next(config.poll().fifo());
            if (due.isEmpty()) {
                return;
            }
            if (!predecessorProcessed && !waitUntil(due.get().readAt(), deadline)) {
                return;
            }
            DixaOutcome<AnonymizationRequestStatus> answer = RateLane.with(RateLane.STATUS,
                    () -> dixa.getAnonymizationRequest(due.get().dixaRequestId()));
            predecessorProcessed = reads.apply(due.get(), answer) && config.poll().fifo();
        }
    }

    /**
     * Sleeps until a read is due when that falls inside this run, rather than leaving it to the next scheduler tick,
     * so a read happens when it is due and not up to a tick later. False when it is due after this run ends.
     */
    private boolean waitUntil(Instant readAt, Instant deadline) {
        long millis = Instant.now(clock).until(readAt, java.time.temporal.ChronoUnit.MILLIS);
        if (millis <= 0) {
            return true;
        }
        if (readAt.isAfter(deadline)) {
            return false;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
