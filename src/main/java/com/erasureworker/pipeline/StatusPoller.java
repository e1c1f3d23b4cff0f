package com.erasureworker.pipeline;

import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows Dixa's anonymization requests until {@code processedAt} appears, spending as few calls as Dixa's FIFO
 * queue allows: only the oldest outstanding request is read. While it is unprocessed, so are all younger ones; once it
 * is processed, the next oldest is read straight away (it is likely done too). An unprocessed request is read again
 * after max(min interval, age fraction × its age), so processedAt is noticed within max(2 s, 10 %) of the time it took.
 * Runs on one replica at a time (Quartz {@code @Nonconcurrent}, cluster-wide).
 */
@ApplicationScoped
class StatusPoller {

    private final DixaClient dixa;
    private final StatusReads reads;
    private final WorkerConfig config;
    private final PipelineSwitch pipelineSwitch;
    private final Clock clock;

    StatusPoller(DixaClient dixa, StatusReads reads, WorkerConfig config, PipelineSwitch pipelineSwitch, Clock clock) {
        this.dixa = dixa;
        this.reads = reads;
        this.config = config;
        this.pipelineSwitch = pipelineSwitch;
        this.clock = clock;
    }

    void pollDue() {
        Instant deadline = Instant.now(clock).plus(config.maxRun());
        boolean headJustProcessed = false;
        while (pipelineSwitch.enabled() && Instant.now(clock).isBefore(deadline)) {
            Optional<StatusReads.Due> due = reads.next(config.poll().fifo(), headJustProcessed);
            if (due.isEmpty()) {
                return;
            }
            DixaOutcome<AnonymizationRequestStatus> answer = dixa.getAnonymizationRequest(due.get().dixaRequestId());
            boolean moveOn = reads.apply(due.get().targetId(), answer);
            if (!moveOn && config.poll().fifo()) {
                return;
            }
            headJustProcessed = moveOn;
        }
    }
}
