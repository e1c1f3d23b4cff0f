package com.erasureworker.evidence;

import com.erasureworker.dixa.ActivityLogEntry;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.RateLane;
import com.erasureworker.erasure.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Captures Dixa-side evidence conversation by conversation, as tickets' targets finish: plans finished targets
 * ({@link EvidencePlanner}), reads each due conversation's activity log (outside any transaction, like every Dixa
 * call, in the {@link RateLane#EVIDENCE} lane) and saves the answers in batches ({@link EvidenceRecorder}), then
 * completes the capture of tickets with nothing left to read. A conversation Dixa answers 404 or 400 for is recorded
 * as such; a 429 or a local wait for rate budget is "later" (the run ends, nothing counted); any other failure counts
 * against that conversation alone (retried later, UNAVAILABLE after the last attempt) and ends the run, and this
 * replica then leaves evidence alone for a while (2 s, doubling up to 10 min, reset by the next success), so a Dixa
 * outage does not cost a failing call every tick.
 */
@ApplicationScoped
public class EvidenceCollector {

    private static final Logger LOG = Logger.getLogger(EvidenceCollector.class);
    /** The first pause after a failed read; the backoff policy jitters it to between 2 and 4 s, doubling per failure. */
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(4);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);
    /** Conversations read between two saves: a crash loses at most this many reads, which are then repeated. */
    private static final int SAVE_EVERY = 50;

    private final DixaClient dixa;
    private final EvidencePlanner planner;
    private final EvidenceRecorder recorder;
    private final EvidenceConfig config;
    private final Clock clock;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile int failuresInARow;

    EvidenceCollector(DixaClient dixa, EvidencePlanner planner, EvidenceRecorder recorder, EvidenceConfig config,
            Clock clock) {
        this.clock = clock;
        this.dixa = dixa;
        this.planner = planner;
        this.recorder = recorder;
        this.config = config;
    }

    /** One run: plan, read what is due, complete what is settled; answers how many tickets' captures completed. */
    public int captureDue() {
        List<UUID> completed = recorder.due(config.ticketsPerRun());
        for (UUID requestId : completed) {
            // A few batches per run: a 100,000-target ticket is planned over several runs, reads in between.
            int batches = 0;
            while (batches++ < 10 && !planner.planNext(requestId)) {
                continue;
            }
        }
        for (UUID requestId : planner.open(config.ticketsPerRun())) {
            planner.planNext(requestId);
        }
        if (!paused()) {
            read();
        }
        int captured = 0;
        for (UUID requestId : completed) {
            if (recorder.complete(requestId)) {
                captured++;
            }
        }
        return captured;
    }

    /** Whether this replica is holding off after a failed read. */
    boolean paused() {
        return Instant.now(clock).isBefore(pausedUntil);
    }

    /** A read succeeded (or a test starts from a clean state): no holding off, the next failure pauses briefly. */
    void endPause() {
        failuresInARow = 0;
        pausedUntil = Instant.EPOCH;
    }

    private void read() {
        List<EvidenceRows.Logged> read = new ArrayList<>();
        try {
            for (ConversationLog.Wanted wanted : recorder.dueConversations(config.conversationsPerRun())) {
                DixaOutcome<List<ActivityLogEntry>> answer = RateLane.with(RateLane.EVIDENCE,
                        () -> dixa.getActivityLog(wanted.conversationId()));
                if (answer.isOk() || answer.kind() == DixaOutcome.Kind.NOT_FOUND
                        || answer.kind() == DixaOutcome.Kind.BAD_REQUEST) {
                    read.add(new EvidenceRows.Logged(wanted.requestId(), new ConversationLog(wanted.conversationId(),
                            wanted.targetId(), answer.isOk() ? ConversationEvidence.CAPTURED : answer.kind().name(),
                            null, answer.isOk() ? answer.value() : List.of(), answer.calls())));
                    endPause();
                    if (read.size() == SAVE_EVERY) {
                        recorder.save(read);
                        read = new ArrayList<>();
                    }
                    continue;
                }
                if (answer.kind() == DixaOutcome.Kind.RATE_LIMITED) {
                    // Not the conversation's fault: its calls are audited, the read is simply due again.
                    recorder.laterWithCalls(wanted, answer.calls());
                    return;
                }
                recorder.failed(wanted, answer.kind().name(), answer.calls());
                LOG.warnf("evidence of ticket %s conversation %d not read (attempt %d): activity log answered %s",
                        wanted.requestId(), wanted.conversationId(), wanted.attempts() + 1, answer.kind());
                failuresInARow++;
                pausedUntil = Instant.now(clock)
                        .plus(new Backoff(FIRST_PAUSE, LONGEST_PAUSE).delay(failuresInARow, null));
                return;
            }
        } finally {
            recorder.save(read);
        }
    }
}
