package com.erasureworker.intake;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.InvalidTicketChangeException;
import com.erasureworker.erasure.Source;
import com.erasureworker.erasure.SubjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a ticket enters: idempotency by {@code ticketRef}, subject resolution, then one transaction that records it.
 * Not transactional itself, so that no database transaction stays open while Dixa is asked, and so that losing a race
 * for the same {@code ticketRef} can be answered from a fresh read.
 */
@ApplicationScoped
public class TicketIntake {

    private static final String UNIQUE_VIOLATION = "23505";

    private final SubjectResolver resolver;
    private final TicketRecorder recorder;
    private final TicketFingerprint fingerprint;
    private final Clock clock;

    TicketIntake(SubjectResolver resolver, TicketRecorder recorder, TicketFingerprint fingerprint, Clock clock) {
        this.resolver = resolver;
        this.recorder = recorder;
        this.fingerprint = fingerprint;
        this.clock = clock;
    }

    /** The ticket's id, and whether this submission created it (false: an identical resubmission). */
    public record Accepted(UUID id, boolean created) {
    }

    public Accepted submit(byte[] body, String actor) {
        Instant now = Instant.now(clock);
        Submission submission = SubmissionReader.read(body, now);
        if (submission.ticketRef().toLowerCase(java.util.Locale.ROOT).startsWith(Source.SWEEP_TICKET_PREFIX)) {
            throw new InvalidTicketChangeException("ticketRef", "the prefix " + Source.SWEEP_TICKET_PREFIX
                    + " is reserved for the worker's retention sweeps");
        }
        String contentHash = fingerprint.contentHash(submission);
        Optional<ErasureRequest> existing = recorder.findByTicketRef(submission.ticketRef());
        if (existing.isPresent()) {
            return resubmission(existing.get(), contentHash);
        }
        SubjectType type = submission.subject().type();
        SubjectResolver.Resolution resolution = type == SubjectType.EMAIL || type == SubjectType.PHONE
                ? resolver.resolve(submission.subject()) : null;
        try {
            UUID id = recorder.record(submission, fingerprint.subjectHash(submission.subject()), contentHash,
                    resolution, actor, now);
            return new Accepted(id, true);
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // Another request recorded the same ticketRef between our look-up and our insert.
            return resubmission(recorder.findByTicketRef(submission.ticketRef()).orElseThrow(() -> e), contentHash);
        }
    }

    /**
     * Records the live canary's ticket (source CANARY) for its synthetic conversation, through the same recorder and
     * audit trail as a DPO ticket.
     */
    public UUID submitCanary(String ticketRef, String canaryRunId, long conversationId, String actor) {
        return recorder.recordCanary(ticketRef, canaryRunId, conversationId, actor, Instant.now(clock));
    }

    private static Accepted resubmission(ErasureRequest existing, String contentHash) {
        if (!existing.contentHash.equals(contentHash)) {
            String reason = "a ticket with this ticketRef exists with different content; use a new ticketRef";
            throw new ProblemException(Problem.of(409, "ticket-ref-conflict", "ticketRef already used", reason,
                    List.of(new Problem.FieldError("ticketRef", reason))));
        }
        return new Accepted(existing.id, false);
    }

    private static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("ticket_ref")) {
                return true;
            }
        }
        return false;
    }
}
