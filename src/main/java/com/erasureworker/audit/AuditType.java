package com.erasureworker.audit;

/** The kinds of events in the audit trail. */
public enum AuditType {
    TICKET_RECEIVED,
    TICKET_RESOLVED,
    TICKET_COMPLETED,
    TICKET_FAILED,
    TICKET_CANCELLED,
    TICKET_RETRIED,
    TARGET_STATE_CHANGED,
    /** One HTTP exchange with Dixa: method, path template, status, duration. */
    DIXA_CALL,
    /** An AnonymizationRequestStatus as Dixa reported it (first sight, or a change). */
    STATUS_OBSERVED,
    /** Policy decisions on open conversations. */
    CONVERSATION_OPEN,
    NOTE_POSTED,
    /** The worker's own note was already on the conversation (found by its marker): not posted again. */
    NOTE_FOUND,
    /** Dixa answered 409 to anonymize although the conversation is closed: no note, no close; asked again later. */
    CONFLICT_ON_CLOSED,
    /**
     * An anonymize call whose answer was lost (or a 409 for a closed conversation) was followed by a read that shows
     * the entity anonymized: the earlier request took effect, nothing is asked again.
     */
    EARLIER_REQUEST_APPLIED,
    /** Dixa refused the optional erasure-ticket attribute on a conversation; the erasure goes on without it. */
    ATTRIBUTE_MARK_REFUSED,
    /** A step's result came after its claim was lost (another worker holds the target): discarded, calls recorded. */
    STALE_RESULT_DISCARDED,
    /** A target follows another live target's Dixa request for the same conversation instead of asking again. */
    FOLLOWING_EARLIER_REQUEST,
    /**
     * The worker's close failed (a 400 for an already closed conversation, a lost answer) but a read shows the
     * conversation closed: it counts as closed and the step goes on.
     */
    CONVERSATION_CLOSED_MEANWHILE,
    /**
     * A sweep target's conversation, read before erasing, is open again or was last closed after the sweep's cutoff:
     * left alone, the target ends REOPENED.
     */
    SWEEP_CONVERSATION_REOPENED,
    CONVERSATION_FORCE_CLOSED,
    CONVERSATIONS_COVERED,
    VERIFIED,
    DEADLINE_EXTENDED,
    SIGN_IN_FAILED,
    /** Failed sign-ins of up to a minute, aggregated: a count per route template, never a path or a user name. */
    SIGN_IN_FAILURES,
    /** A retention sweep began enumerating: its cutoff, channels, dry or real, who triggered it. */
    SWEEP_STARTED,
    /** A sweep's own work ended: counts, and for a real run the ticket it handed to the pipeline. */
    SWEEP_FINISHED,
    /** A sweep gave up (permanent Dixa error or attempts exhausted); the next run starts afresh. */
    SWEEP_FAILED,
    /** An admin changed the retention policy: old and new values (no personal data in either). */
    RETENTION_POLICY_CHANGED,
    /** An auditor's export of audit events (CSV): the filter and the row count, never the rows. */
    EXPORTED,
    /** Dixa-side evidence of a completed ticket was captured: conversations and activity-log entries kept. */
    EVIDENCE_CAPTURED,
    /** A certificate of erasure was issued for a ticket. */
    CERTIFICATE_ISSUED,
    /** A canary run set up its synthetic end user and conversations in Dixa (ids only). */
    CANARY_STARTED,
    /** A canary run ended: passed or failed, and why. */
    CANARY_FINISHED,
    /** An admin acknowledged a red Dixa contract verdict so work continues: which checks, the reason's keyed hash. */
    DIXA_CONTRACT_ACKNOWLEDGED,
    /** Processing was paused for every replica (emergency pause): who, and whether a reason was given. */
    PROCESSING_PAUSED,
    /** Processing resumed. */
    PROCESSING_RESUMED,
    /** A legal hold was placed: its id, subject type (ids or keyed hash only), end date. */
    LEGAL_HOLD_PLACED,
    /** An e-mail or phone hold's daily re-resolution found more Dixa end users with that address (their ids). */
    LEGAL_HOLD_RESOLVED,
    /** A legal hold was released before its end. */
    LEGAL_HOLD_RELEASED,
    /** A target is kept by a legal hold: nothing is sent to Dixa for it. */
    LEGAL_HOLD_APPLIED,
    /** A ticket waits for a second person's approval (four-eyes). */
    APPROVAL_REQUESTED,
    /** A second person approved the ticket: submitter and approver. */
    TICKET_APPROVED,
    /** A second person rejected the ticket: submitter, rejecter, the reason's keyed hash. Nothing was sent to Dixa. */
    TICKET_REJECTED,
    /** Someone verified the hash chain from the console: the result (valid, checked, first invalid sequence). */
    CHAIN_VERIFIED,
    /** An admin created or changed an outgoing webhook subscription, sent it a test event or replayed a delivery. */
    WEBHOOK_SUBSCRIPTION_CHANGED,
    /** Dixa reported a conversation closed: the targets waiting for it were made due now (a hint; Dixa is re-read). */
    DIXA_EVENT_RECEIVED
}
