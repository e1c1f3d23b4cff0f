package com.erasureworker.evidence;

import com.erasureworker.dixa.ActivityLogEntry;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.RateLane;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Captures Dixa-side evidence for completed tickets: reads each erased conversation's activity log (outside any
 * transaction, like every Dixa call) and hands the result to {@link EvidenceRecorder}. A conversation Dixa answers
 * 404 or 400 for is recorded as such (there is no log to wait for); any other failure leaves the ticket for a later
 * run and ends this one, since Dixa is then struggling or refusing the token. After such a failure this replica
 * leaves evidence alone for a while (2 s, doubling up to 10 min, reset by the next success), so a Dixa outage does not
 * cost a failing call every tick.
 */
@ApplicationScoped
public class EvidenceCollector {

    private static final Logger LOG = Logger.getLogger(EvidenceCollector.class);

    private final DixaClient dixa;
    private final EvidenceRecorder recorder;
    private final EvidenceConfig config;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile int failuresInARow;

    EvidenceCollector(DixaClient dixa, EvidenceRecorder recorder, EvidenceConfig config) {
        this.dixa = dixa;
        this.recorder = recorder;
        this.config = config;
    }

    /** Captures the evidence of up to {@code evidence.tickets-per-run} completed tickets; answers how many. */
    public int captureDue() {
        if (paused()) {
            return 0;
        }
        int captured = 0;
        for (UUID requestId : recorder.due(config.ticketsPerRun())) {
            if (!capture(requestId)) {
                failuresInARow++;
                long pause = Math.min(LONGEST_PAUSE.toMillis(),
                        FIRST_PAUSE.toMillis() << Math.min(failuresInARow - 1, 20));
                pausedUntil = Instant.now().plusMillis(pause);
                break;
            }
            failuresInARow = 0;
            captured++;
        }
        return captured;
    }

    /** Whether this replica is holding off after a failed capture. */
    boolean paused() {
        return Instant.now().isBefore(pausedUntil);
    }

    private boolean capture(UUID requestId) {
        List<ConversationLog> logs = new ArrayList<>();
        EvidenceRecorder.Plan plan = recorder.plan(requestId);
        for (ConversationLog.Wanted wanted : plan.wanted()) {
            // Evidence is never urgent: it waits behind status reads and DPO work for rate budget.
            DixaOutcome<List<ActivityLogEntry>> answer = RateLane.with(RateLane.SWEEP,
                    () -> dixa.getActivityLog(wanted.conversationId()));
            boolean answered = answer.isOk() || answer.kind() == DixaOutcome.Kind.NOT_FOUND
                    || answer.kind() == DixaOutcome.Kind.BAD_REQUEST;
            logs.add(new ConversationLog(wanted.conversationId(), wanted.targetId(),
                    answer.isOk() ? ConversationEvidence.CAPTURED : answer.kind().name(),
                    answer.isOk() ? answer.value() : List.of(), answer.calls()));
            if (!answered) {
                recorder.recordCalls(requestId, logs);
                LOG.warnf("evidence of ticket %s not captured yet: activity log answered %s", requestId, answer.kind());
                return false;
            }
        }
        recorder.save(requestId, logs, plan.policy());
        return true;
    }
}
