package com.erasureworker.canary;

import com.erasureworker.dixa.DixaCall;
import com.erasureworker.intake.TicketIntake;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Moves the canary run under way one step per tick: REQUESTED → set up the synthetic data and submit its CANARY
 * ticket (ERASING) → once the ticket has ended (watched from outside, by its state) read back, ask the open
 * questions and write the report (PASSED, FAILED or INCONCLUSIVE, and whether Dixa was slow). The contract verdict
 * reads the latest PASSED/FAILED run from the database ({@code DixaContract}), so only a FAILED run turns it red.
 */
@ApplicationScoped
class CanaryRunner {

    private static final Logger LOG = Logger.getLogger(CanaryRunner.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final CanaryStore store;
    private final CanarySetup setup;
    private final CanaryQuestions questions;
    private final TicketIntake intake;
    private final CanaryMetrics metrics;
    private final CanaryConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    CanaryRunner(CanaryStore store, CanarySetup setup, CanaryQuestions questions, TicketIntake intake,
            CanaryMetrics metrics, CanaryConfig config, ObjectMapper json, Clock clock) {
        this.store = store;
        this.setup = setup;
        this.questions = questions;
        this.intake = intake;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    void advance() {
        store.active().ifPresent(run -> {
            if (run.state == CanaryRun.State.REQUESTED) {
                start(run);
            } else {
                follow(run);
            }
        });
    }

    private void start(CanaryRun run) {
        CanarySetup.Created created = setup.create(run, store.lastEndUser());
        Instant now = Instant.now(clock);
        if (created.failure() != null) {
            finish(run, created.outcome(), false, created.failure(),
                    report(created.outcome(), false, created.failure(), null, null, created.importedAt()),
                    created.calls(), created, false);
            return;
        }
        String ticketRef = "canary-" + DAY.format(now) + "-" + run.id.toString().substring(0, 8);
        java.util.UUID ticketId = intake.submitCanary(ticketRef, run.id.toString(), created.conversationId(), run.requestedBy);
        store.erasing(run.id, created, ticketId, ticketRef, now);
    }

    private void follow(CanaryRun run) {
        CanaryStore.TicketView ticket = store.ticket(run.ticketId);
        boolean ended = !ticket.state().equals("IN_PROGRESS");
        if (!ended && Duration.between(run.startedAt, Instant.now(clock)).compareTo(config.timeout()) < 0) {
            return;
        }
        CanaryQuestions.Findings findings = questions.ask(run, ticket.dixaRequestId());
        boolean processed = ticket.processedAt() != null;
        boolean slow = !processed || ticket.acceptedAt() != null
                && Duration.between(ticket.acceptedAt(), ticket.processedAt()).compareTo(config.slowAfter()) > 0;
        String failure;
        CanaryOutcome outcome;
        if (!ended) {
            outcome = CanaryOutcome.INCONCLUSIVE;
            failure = "slow: the ticket did not end within CANARY_TIMEOUT (" + config.timeout() + "): "
                    + (processed ? "not verified" : "Dixa has not reported processedAt");
        } else if (!ticket.state().equals("COMPLETED")) {
            // After processedAt the worker could not verify the erasure: evidence against Dixa (or the settings).
            outcome = processed ? CanaryOutcome.FAILED : CanaryOutcome.INCONCLUSIVE;
            failure = "the canary ticket ended " + ticket.state() + ": " + ticket.lastError();
        } else if (!findings.anonymized()) {
            outcome = CanaryOutcome.FAILED;
            failure = "the conversation does not read as anonymized after processedAt";
        } else if (!findings.messagesClean()) {
            outcome = CanaryOutcome.FAILED;
            failure = "the marker text is still in the conversation's messages after processedAt";
        } else {
            outcome = CanaryOutcome.PASSED;
            failure = null;
        }
        if (ticket.acceptedAt() != null && processed && !ticket.processedAt().isBefore(ticket.acceptedAt())) {
            metrics.processed(Duration.between(ticket.acceptedAt(), ticket.processedAt()));
        }
        finish(run, outcome, slow, failure, report(outcome, slow, failure, findings, ticket, run.importedAt),
                findings.calls(), null, findings.endUserAnonymizeAsked());
    }

    private void finish(CanaryRun run, CanaryOutcome outcome, boolean slow, String failure, CanaryReport report,
            List<DixaCall> calls, CanarySetup.Created created, boolean endUserAnonymizeAsked) {
        Instant now = Instant.now(clock);
        Map<String, Object> stored = json.convertValue(report, new TypeReference<Map<String, Object>>() { });
        store.finish(run.id, outcome, slow, failure, stored, calls, created, endUserAnonymizeAsked, now);
        if (outcome == CanaryOutcome.PASSED) {
            metrics.passed(now);
        }
        LOG.infof("canary run %s %s%s%s", run.id, outcome, slow ? " (slow)" : "", failure == null ? "" : ": " + failure);
    }

    private static CanaryReport report(CanaryOutcome outcome, boolean slow, String failure,
            CanaryQuestions.Findings findings, CanaryStore.TicketView ticket, Instant importedAt) {
        CanaryReport.Timeline timeline = ticket == null
                ? new CanaryReport.Timeline(importedAt, null, null, null, null, null, null, null, null, null)
                : new CanaryReport.Timeline(importedAt, ticket.acceptedAt(), ticket.initiatedAt(), ticket.processedAt(),
                        ticket.processedSeenAt(), ticket.verifiedAt(), millis(importedAt, ticket.acceptedAt()),
                        millis(ticket.acceptedAt(), ticket.processedAt()), millis(ticket.processedAt(), ticket.verifiedAt()),
                        millis(importedAt, ticket.verifiedAt()));
        return new CanaryReport(outcome == CanaryOutcome.PASSED, outcome.name(), slow, failure, timeline,
                findings == null ? List.of() : findings.answers(), findings == null ? null : findings.scope(),
                findings == null ? List.of() : findings.advice());
    }

    private static Long millis(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }
}
