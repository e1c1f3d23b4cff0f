package com.erasureworker.audit;

import java.util.List;

/** One page of audit events in sequence order; {@code total} counts the whole selection. */
public record AuditEventPage(List<AuditEventRow> items, int page, int size, long total) {
}
