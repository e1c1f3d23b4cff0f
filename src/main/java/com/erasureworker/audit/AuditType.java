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
    CONVERSATION_FORCE_CLOSED,
    CONVERSATIONS_COVERED,
    VERIFIED,
    /** An auditor's export of audit events (CSV): the filter and the row count, never the rows. */
    EXPORTED,
    /** Dixa-side evidence of a completed ticket was captured: conversations and activity-log entries kept. */
    EVIDENCE_CAPTURED,
    /** A certificate of erasure was issued for a ticket. */
    CERTIFICATE_ISSUED
}
