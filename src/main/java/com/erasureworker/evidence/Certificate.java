package com.erasureworker.evidence;

import com.erasureworker.audit.AuditCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A certificate of erasure: who asked, what was erased and when Dixa confirmed it, the decisions taken on open
 * conversations, Dixa's activity-log evidence, and where the ticket stands in the audit chain, so that anyone can
 * check it against the chain later. Holds ids, states and times only: never an e-mail, phone number or message text.
 */
@Schema(name = "CertificateOfErasure")
public record Certificate(
        Instant issuedAt,
        String issuedBy,
        UUID ticketId,
        String ticketRef,
        String source,
        String requestedBy,
        Instant receivedAt,
        Instant dueAt,
        Instant completedAt,
        @Schema(description = "completedAt is not after dueAt") boolean deadlineKept,
        String outcome,
        String closePolicy,
        Subject subject,
        @Schema(description = "every erased entity, for tickets of up to 1,000 targets; larger tickets list them in "
                + "the annex only (entities)") List<Erased> erased,
        @Schema(description = "the annex listing every erased entity as CSV, with its SHA-256") Entities entities,
        List<PolicyDecision> policyDecisions,
        Evidence evidence,
        @Schema(description = "the ticket's last audit event before this certificate was issued") ChainPosition lastTicketEvent,
        @Schema(description = "the audit chain's head when the certificate was issued") ChainPosition chainHeadAtIssuance,
        @Schema(description = "the signed checkpoint of the CERTIFICATE_ISSUED event, which covers everything above; "
                + "check it with GET /api/v1/audit-events/public-key") AuditCheckpoint checkpoint,
        @Schema(description = "JSON only, its last member: the Ed25519 signature over this certificate's RFC 8785 form "
                + "without it (docs/verifying-proof.md, section 5)") CertificateSignature signature) {

    /** This certificate with the signed checkpoint of its own CERTIFICATE_ISSUED event, known once it is appended. */
    Certificate signedBy(AuditCheckpoint signed) {
        return new Certificate(issuedAt, issuedBy, ticketId, ticketRef, source, requestedBy, receivedAt, dueAt,
                completedAt, deadlineKept, outcome, closePolicy, subject, erased, entities, policyDecisions, evidence,
                lastTicketEvent, chainHeadAtIssuance, signed, null);
    }

    /** The data subject as the ticket keeps it: its type and, for e-mail/phone, the keyed hash, never the value. */
    public record Subject(String type, String hash) {
    }

    /** One Dixa entity erased: Dixa's request, when Dixa initiated and processed it, and how it was checked. */
    public record Erased(String type, String dixaId, UUID dixaRequestId, Instant initiatedAt, Instant processedAt,
            String verification, Instant verifiedAt, List<Long> coveredConversationIds) {
    }

    /** The annex GET …/certificate/entities: how many entities it lists and the SHA-256 of its bytes. */
    public record Entities(long count, String sha256, String href) {
    }

    /** A decision on an open conversation (CONVERSATION_OPEN, NOTE_POSTED, CONVERSATION_FORCE_CLOSED) from the audit trail. */
    public record PolicyDecision(long sequence, Instant occurredAt, String type, UUID targetId, Map<String, Object> detail) {
    }

    /** Dixa's activity logs of the erased conversations, as captured after completion. */
    public record Evidence(Instant capturedAt,
            @Schema(description = "which conversations' activity logs were read (DPO: all; sweeps: a sample)") String policy,
            List<ConversationActivity> conversations) {
    }

    public record ConversationActivity(long conversationId,
            @Schema(description = "CAPTURED; NOT_FOUND or BAD_REQUEST (Dixa has no log); UNAVAILABLE: evidence "
                    + "unavailable, the log could not be read after every attempt") String outcome,
            @Schema(description = "why the evidence is unavailable (UNAVAILABLE only)") String reason,
            List<Activity> activity) {
    }

    public record Activity(String type, Instant at, UUID entryId) {
    }

    public record ChainPosition(long sequence, String hash, String type, Instant occurredAt) {
    }
}
