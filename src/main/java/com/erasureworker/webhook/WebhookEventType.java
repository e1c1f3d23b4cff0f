package com.erasureworker.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event a subscription can ask for, with its name on the wire. New capabilities add a constant here and call
 * {@link Outbox#publish} from the transaction that makes the change.
 */
public enum WebhookEventType {
    TICKET_COMPLETED("ticket.completed"),
    TICKET_FAILED("ticket.failed"),
    /** Due within 3 days and not yet completed or cancelled; sent once per ticket. */
    TICKET_AT_RISK("ticket.at_risk"),
    /** Past its due date and not completed or cancelled; sent once per ticket. */
    TICKET_OVERDUE("ticket.overdue"),
    /** A target began waiting for its conversation(s) to close; sent once per target, with the policy and grace end. */
    TARGET_WAITING_FOR_CLOSE("target.waiting_for_close"),
    SWEEP_FINISHED("sweep.finished"),
    AUDIT_VERIFY_FAILED("audit.verify_failed"),
    /** A checkpoint of the audit chain was signed: a copy outside the database (audit/AuditCheckpoints). */
    AUDIT_CHECKPOINT("audit.checkpoint"),
    DIXA_CONTRACT_FAILED("dixa.contract_failed"),
    CANARY_FAILED("canary.failed"),
    /** The emergency pause was switched on (no Dixa write from any replica until resumed). */
    PROCESSING_PAUSED("processing.paused"),
    PROCESSING_RESUMED("processing.resumed"),
    /** A legal hold was placed: its targets wait ON_HOLD and sweeps skip its conversations. */
    LEGAL_HOLD_PLACED("legal_hold.placed"),
    LEGAL_HOLD_RELEASED("legal_hold.released"),
    /** Sent only by {@code POST /api/v1/webhooks/{id}/test}, to that subscription; never subscribed to. */
    WEBHOOK_TEST("webhook.test");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> ofWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
