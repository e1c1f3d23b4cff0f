package com.erasureworker.pipeline;

import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.Conversation;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.erasure.TargetType;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.DixaRateGovernor;
import com.erasureworker.dixa.RateLane;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Follows Dixa's anonymization requests until {@code processedAt} appears, spending as few calls as Dixa's FIFO
 * queue allows: only the oldest outstanding request is read. While it is unprocessed, so are all younger ones; once it
 * is processed, the next oldest is read straight away (it is likely done too). A head far older than the queue's
 * recent processing time is read on its own schedule instead, and the next request becomes the head, so a request
 * Dixa never processes does not hide the others ({@link StatusReads#next}). An unprocessed request is read again
 * after max(min interval, age fraction × its age), so processedAt is noticed within max(2 s, 10 %) of the time it took.
 * Runs on one replica at a time (Quartz {@code @Nonconcurrent}, cluster-wide).
 *
 * <p>Catching up: one read at a time is too slow for a backlog Dixa has already processed (a large sweep, read at 100
 * requests/s). When the head is found processed longer ago than the least read interval (the reads are behind), the
 * next oldest are read together, two, then four, up to {@code WORKER_POLL_CATCH_UP_READS}, while every read finds its
 * request processed that long ago; an unprocessed or freshly processed answer goes back to one read at a time, so at
 * the front of Dixa's queue no read is spent early, and behind it at most the last group's few. Groups use spare
 * budget only: while other work waits for a permit on this replica (a DPO ticket, a sweep's share), reads go one at a
 * time, since status reads come first and a group would take the budget from that work.
 */
@ApplicationScoped
class StatusPoller {

    private static final Logger LOG = Logger.getLogger(StatusPoller.class);

    private final DixaClient dixa;
    private final StatusReads reads;
    private final WorkerConfig config;
    private final Clock clock;
    private final ExecutorService readers;
    /** Most reads of one group ({@code WORKER_POLL_CATCH_UP_READS}, at least 1); also the readers' pool size. */
    private final int most;
    private final DixaRateGovernor governor;
    private final DixaConfig dixaConfig;
    /** initiatedAt to processedAt of the last request read at the front of Dixa's queue. */
    private volatile Duration frontDelay;
    /** Least time between two reads of overdue requests: their share of the rate budget. */
    private final Duration overdueSpacing;
    private volatile Instant lastOverdueRead;
    private volatile boolean stalled;

    StatusPoller(DixaClient dixa, StatusReads reads, WorkerConfig config, Clock clock, DixaRateGovernor governor,
            DixaConfig dixaConfig) {
        this.governor = governor;
        this.dixaConfig = dixaConfig;
        this.overdueSpacing = Duration.ofNanos((long) (1_000_000_000L
                / (config.poll().overdueShare() * Math.max(1, dixaConfig.rateLimit().perSecond()))));
        this.dixa = dixa;
        this.reads = reads;
        this.config = config;
        this.clock = clock;
        this.most = Math.max(1, config.poll().catchUpReads());
        this.readers = Executors.newFixedThreadPool(most, runnable -> {
            Thread thread = new Thread(runnable, "anonymization-status-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    void pollDue() {
        poll(true);
    }

    /**
     * One pass that reads only what is due now and never sleeps for a read due later: tests run it by hand, with a
     * clock they advance, instead of waiting for the scheduled job.
     */
    void pollDueNow() {
        poll(false);
    }

    private void poll(boolean waitForDue) {
        Instant deadline = Instant.now(clock).plus(config.maxRun());
        int width = 1;
        boolean predecessorProcessed = false;
        while (Instant.now(clock).isBefore(deadline)) {
            if (predecessorProcessed && width > 1 && !governor.othersWaiting(RateLane.STATUS)) {
                List<StatusReads.Due> oldest = reads.oldest(width);
                if (oldest.isEmpty()) {
                    // Nothing but overdue requests left (after a stall, say): they are read one at a time below.
                    width = 1;
                    predecessorProcessed = false;
                    continue;
                }
                Read group = readTogether(oldest);
                predecessorProcessed = group.moved();
                width = group.moved() && group.late() ? Math.min(most, width * 2) : 1;
                continue;
            }
            Optional<StatusReads.Due> due = reads.next(config.poll().fifo(), overdueReads());
            if (due.isEmpty()) {
                return;
            }
            Instant readAt = predecessorProcessed ? null : due.get().readAt();
            Instant expected = waitForDue ? expectedProcessed(due.get()) : null;
            if (expected != null && (readAt == null || expected.isAfter(readAt))) {
                readAt = expected;
            }
            if (readAt != null && !(waitForDue ? waitUntil(readAt, deadline)
                    : !readAt.isAfter(Instant.now(clock)))) {
                return;
            }
            Read read = read(due.get());
            predecessorProcessed = read.moved() && config.poll().fifo();
            width = predecessorProcessed && read.late() ? Math.min(most, 2) : 1;
        }
    }

    /**
     * What a read (or a group of reads) found: whether every target left AWAITING_DIXA (processed, or ended), and
     * whether every request had been processed longer than the least read interval ago, that is, the reads are behind
     * Dixa (a backlog to catch up with) rather than at the front of its queue.
     */
    private record Read(boolean moved, boolean late) {
    }

    /**
     * While Dixa's queue moves, each overdue request is read on its own schedule (one Dixa never processes must not
     * hide the others). While it is stalled (an overdue request was read unprocessed, and Dixa has processed nothing
     * for {@code WORKER_POLL_OVERDUE_MIN}), every outstanding request becomes overdue: then only the two oldest overdue
     * requests are read, at most {@code WORKER_POLL_OVERDUE_SHARE} of the rate budget, besides the FIFO head.
     */
    private StatusReads.OverdueReads overdueReads() {
        if (!stalled || !reads.nothingProcessedLately()) {
            return StatusReads.OverdueReads.ANY;
        }
        Instant last = lastOverdueRead;
        Instant now = Instant.now(clock);
        // A read stamped in the future (the clock was set back) says nothing about the spacing now.
        if (last != null && !last.isAfter(now) && now.isBefore(last.plus(overdueSpacing))) {
            return StatusReads.OverdueReads.NONE;
        }
        return StatusReads.OverdueReads.OLDEST;
    }

    private Read read(StatusReads.Due due) {
        DixaOutcome<AnonymizationRequestStatus> answer = RateLane.with(RateLane.STATUS,
                () -> dixa.getAnonymizationRequest(due.dixaRequestId()));
        if (due.overdue()) {
            lastOverdueRead = Instant.now(clock);
        }
        if (answer.isOk()) {
            stalled = answer.value().isProcessed() ? false : stalled || due.overdue();
        }
        boolean moved;
        if (answer.kind() == DixaOutcome.Kind.NOT_FOUND && due.type() == TargetType.MESSAGE
                && dixaConfig.messageStatusNotFound() == DixaConfig.MessageStatusNotFound.ACCEPT) {
            moved = reads.applyMessageStatusNotShown(due, answer);
        } else if (answer.kind() == DixaOutcome.Kind.NOT_FOUND && due.conversationId() != null) {
            // Before failing a target on a 404, ask the conversation itself whether it was done.
            DixaOutcome<Conversation> conversation = RateLane.with(RateLane.STATUS,
                    () -> dixa.getConversation(due.conversationId()));
            moved = reads.applyAfterNotFound(due, answer, conversation, dixa.showsAnonymized(conversation));
        } else {
            moved = reads.apply(due, answer);
        }
        Instant lateBefore = Instant.now(clock).minus(config.poll().minInterval());
        boolean late = answer.isOk() && answer.value().isProcessed()
                && answer.value().processedAt().isBefore(lateBefore);
        if (answer.isOk() && answer.value().isProcessed() && !late && !due.overdue()
                && answer.value().initiatedAt() != null) {
            frontDelay = Duration.between(answer.value().initiatedAt(), answer.value().processedAt());
        }
        return new Read(moved, late);
    }

    /**
     * When the head of Dixa's queue can first be processed, judged by the request just ahead of it, which was read at
     * the front of the queue (not behind it): a FIFO queue takes about as long for the next one, counted from the
     * head's 202 (which Dixa sent after its initiatedAt). A read before that
     * would find it queued, a call spent for nothing. Null when nothing is known yet, or the head is overdue. Only the
     * scheduled job waits for it; a pass run by hand reads what is due.
     */
    private Instant expectedProcessed(StatusReads.Due due) {
        Duration delay = frontDelay;
        if (delay == null || due.overdue() || due.acceptedAt() == null || delay.isNegative()) {
            return null;
        }
        Duration capped = delay.compareTo(config.poll().overdueMin()) > 0 ? config.poll().overdueMin() : delay;
        return due.acceptedAt().plus(capped);
    }

    private Read readTogether(List<StatusReads.Due> group) {
        List<Future<Read>> answers = group.stream().map(due -> readers.submit(() -> read(due))).toList();
        boolean moved = true;
        boolean late = true;
        for (Future<Read> answer : answers) {
            try {
                Read read = answer.get();
                moved &= read.moved();
                late &= read.late();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Read(false, false);
            } catch (ExecutionException e) {
                LOG.warnf("status read failed: %s", e.getCause().getClass().getSimpleName());
                moved = false;
            }
        }
        return new Read(moved, late);
    }

    @PreDestroy
    void stopReaders() {
        readers.shutdownNow();
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
