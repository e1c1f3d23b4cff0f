package com.erasureworker.evidence;

import com.erasureworker.audit.AuditSigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The certificate of erasure as a PDF a DPO can attach to the ticket: the same facts as the JSON, in reading order,
 * then a page that says how to verify it, signed so a PDF reader shows whether it was changed ({@link PdfSignature}).
 */
@ApplicationScoped
public class CertificatePdf {

    private final PdfSignature signature;
    private final AuditSigningKey auditKey;

    CertificatePdf(PdfSignature signature, AuditSigningKey auditKey) {
        this.signature = signature;
        this.auditKey = auditKey;
    }

    /** The signed PDF of {@code c}. */
    public byte[] render(Certificate c) {
        return signature.sign(unsigned(c, auditKey.keyId(), signature.key()), c);
    }

    static byte[] unsigned(Certificate c, String auditKeyId, PdfSigningKey pdfKey) {
        try (PdfLines pdf = new PdfLines("Certificate of erasure " + c.ticketRef())) {
            pdf.title("Certificate of erasure")
                    .line("Personal data erased from Dixa under GDPR Art. 17, as recorded in the worker's audit trail.")
                    .heading("Ticket")
                    .field("Ticket reference", c.ticketRef())
                    .field("Ticket id", c.ticketId())
                    .field("Source", c.source())
                    .field("Requested by", c.requestedBy())
                    .field("Subject", c.subject().type() + (c.subject().hash() == null ? ""
                            : " (keyed hash " + c.subject().hash() + ")"))
                    .field("Close policy", c.closePolicy())
                    .field("Received", c.receivedAt())
                    .field("Due", c.dueAt())
                    .field("Completed", c.completedAt())
                    .field("Deadline kept", c.deadlineKept() ? "yes (completed on or before the due date)" : "NO")
                    .field("Outcome", c.outcome());
            pdf.heading("What was erased (" + c.entities().count() + ")");
            pdf.line("Every erased entity with its Dixa request id and processedAt is listed in the annex")
                    .line("    GET " + c.entities().href() + " (CSV), SHA-256:")
                    .line("    " + c.entities().sha256());
            if (c.erased() == null) {
                pdf.line("The annex is the list for this ticket: it has more than " + CertificateIssuer.INLINE_ENTITIES
                        + " entities.");
            }
            for (Certificate.Erased e : c.erased() == null ? List.<Certificate.Erased>of() : c.erased()) {
                pdf.line(e.type() + " " + e.dixaId())
                        .line("    Dixa request " + e.dixaRequestId() + ", initiated " + e.initiatedAt()
                                + ", processed " + e.processedAt())
                        .line("    verification " + e.verification() + (e.verifiedAt() == null ? ""
                                : " at " + e.verifiedAt()) + (e.coveredConversationIds() == null ? ""
                                : "; covered conversations " + e.coveredConversationIds()));
            }
            pdf.heading("Decisions on open conversations (" + c.policyDecisions().size() + ")");
            if (c.policyDecisions().isEmpty()) {
                pdf.line("None: no conversation was open.");
            }
            for (Certificate.PolicyDecision d : c.policyDecisions()) {
                pdf.line("#" + d.sequence() + " " + d.occurredAt() + " " + d.type() + " " + d.detail().entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ")));
            }
            pdf.heading("Dixa activity-log evidence (captured " + c.evidence().capturedAt() + ")");
            pdf.line("Evidence policy: " + c.evidence().policy());
            if (c.evidence().conversations().isEmpty()) {
                pdf.line("No conversations to show.");
            }
            for (Certificate.ConversationActivity conversation : c.evidence().conversations()) {
                pdf.line("Conversation " + conversation.conversationId() + ": " + (conversation.reason() != null
                        ? "evidence unavailable (" + conversation.reason() + ")"
                        : conversation.outcome() + ", " + conversation.activity().size() + " entries"));
                for (Certificate.Activity a : conversation.activity()) {
                    pdf.line("    " + a.at() + "  " + a.type());
                }
            }
            pdf.heading("Audit chain");
            position(pdf, "Ticket's last event", c.lastTicketEvent());
            position(pdf, "Chain head at issuance", c.chainHeadAtIssuance());
            pdf.line("Check with GET /api/v1/audit-events/verify; each hash covers the event and the hash before it.");
            if (c.checkpoint() != null) {
                pdf.field("Signed checkpoint", "sequence " + c.checkpoint().sequence() + ", signed "
                        + c.checkpoint().signedAt() + ", Ed25519 key " + c.checkpoint().keyId())
                        .line("    signature " + c.checkpoint().signature())
                        .line("Verify it with the key from GET /api/v1/audit-events/public-key over the signed text.");
            }
            pdf.heading("Issued");
            pdf.field("Issued at", c.issuedAt()).field("Issued by", c.issuedBy());
            CertificateVerificationPage.write(pdf, c, auditKeyId, pdfKey);
            return pdf.toBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void position(PdfLines pdf, String label, Certificate.ChainPosition position) {
        if (position == null) {
            pdf.field(label, "none");
            return;
        }
        pdf.field(label, "sequence " + position.sequence() + " (" + position.type() + ", " + position.occurredAt() + ")")
                .line("    hash " + position.hash());
    }
}
