package com.erasureworker.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of audit events in sequence order. {@code total} counts the selection up to {@link #TOTAL_CAP}: when
 * {@code totalExact} is false there are at least that many (counting further would scan the trail). {@code next}
 * is the link to the following page (keyset: {@code afterSequence}), null on the last page.
 */
public record AuditEventPage(List<AuditEventRow> items, int page, int size, long total,
        @Schema(description = "false: total is a lower bound (the count stops at 10,000)") boolean totalExact,
        @Schema(description = "the afterSequence of the next page; null on the last page") Long nextAfterSequence,
        @Schema(description = "link to the next page; null on the last page") String next) {

    /** Counting stops here: a count is an index range of at most this many entries, whatever the trail's size. */
    public static final int TOTAL_CAP = 10_000;

    AuditEventPage withNext(String link) {
        return new AuditEventPage(items, page, size, total, totalExact, nextAfterSequence, link);
    }
}
