package com.erasureworker.evidence;

import com.erasureworker.erasure.Source;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which erased conversations get their activity log read as evidence. DPO tickets: every one. Sweep tickets: a
 * sample (EVIDENCE_SWEEP_SAMPLE, default 0.01) taken as every n-th conversation in the ticket's order, with n at most
 * the sweep's page size, so every page of the run has at least one; every conversation was already verified by the
 * pipeline. The sentence {@link #describe} returns is stored with the capture and printed on the certificate.
 */
record EvidencePolicy(Source source, int step) {

    static EvidencePolicy of(Source source, double sweepSample, int sweepPageSize) {
        if (source != Source.SWEEP) {
            return new EvidencePolicy(source, 1);
        }
        int step = sweepSample <= 0 ? sweepPageSize : (int) Math.round(1 / sweepSample);
        return new EvidencePolicy(source, Math.max(1, Math.min(sweepPageSize, step)));
    }

    /** Whether the ticket's n-th erased conversation (from 0, in target creation order) has its activity log read. */
    boolean sampled(int ordinal) {
        return ordinal % step == 0;
    }

    <T> List<T> sample(List<T> conversations) {
        return step == 1 ? conversations
                : IntStream.range(0, conversations.size()).filter(i -> i % step == 0).mapToObj(conversations::get)
                        .toList();
    }

    String describe(int sampled, int total) {
        if (step == 1) {
            return "activity-log evidence for every erased conversation (" + total + ")";
        }
        return "sweep: activity-log evidence for every " + step + "th erased conversation (" + sampled + " of " + total
                + ", at least one per sweep page); every conversation verified by the pipeline";
    }
}
