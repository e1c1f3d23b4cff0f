package com.erasureworker.webhook;

import com.erasureworker.audit.AuditChainBroken;
import com.erasureworker.audit.CheckpointSigned;
import com.erasureworker.audit.ChainVerification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes what the audit trail reports: {@code audit.verify_failed} when a chain check fails and
 * {@code audit.checkpoint} when a checkpoint is signed (the audit trail fires the events, this tells subscribers).
 */
@ApplicationScoped
class AuditChainAlerts {

    private final Outbox outbox;

    AuditChainAlerts(Outbox outbox) {
        this.outbox = outbox;
    }

    void onBroken(@Observes AuditChainBroken broken) {
        ChainVerification result = broken.verification();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("checked", result.checked());
        data.put("firstInvalidSequence", result.firstInvalidSequence());
        data.put("reason", result.reason());
        data.put("headSequence", result.headSequence());
        outbox.publish(WebhookEventType.AUDIT_VERIFY_FAILED, null, data);
    }

    void onCheckpoint(@Observes CheckpointSigned signed) {
        outbox.publish(WebhookEventType.AUDIT_CHECKPOINT, null, signed.data());
    }
}
