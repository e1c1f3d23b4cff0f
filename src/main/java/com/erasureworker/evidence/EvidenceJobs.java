package com.erasureworker.evidence;

import io.quarkus.quartz.Nonconcurrent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Quartz trigger of evidence capture. {@code @Nonconcurrent} makes it run on one replica at a time cluster-wide,
 * so a ticket's activity logs are read once and no lock is held while Dixa answers. Skipped where capture is off
 * ({@link CaptureDisabled}).
 */
@ApplicationScoped
class EvidenceJobs {

    private final EvidenceCollector collector;

    EvidenceJobs(EvidenceCollector collector) {
        this.collector = collector;
    }

    @Nonconcurrent
    @Scheduled(identity = "evidence-capture", every = "${worker.tick:1s}", skipExecutionIf = CaptureDisabled.class)
    void capture() {
        collector.captureDue();
    }
}
