package com.erasureworker.intake;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of tickets, newest first. {@code total} counts up to {@link #TOTAL_CAP} ({@code totalExact} false
 * beyond: a lower bound); {@code next} links the following page by keyset ({@code afterId}), null on the last.
 */
@Schema(name = "ErasureTicketPage")
public record TicketPage(List<TicketView> items, int page, int size, long total,
        @Schema(description = "false: total is a lower bound (the count stops at 10,000)") boolean totalExact,
        @Schema(description = "link to the next page; null on the last page") String next) {

    static final int TOTAL_CAP = 10_000;

    TicketPage withNext(String link) {
        return new TicketPage(items, page, size, total, totalExact, link);
    }
}
