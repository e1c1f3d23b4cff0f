package com.erasureworker.intake;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of tickets, newest first. */
@Schema(name = "ErasureTicketPage")
public record TicketPage(List<TicketView> items, int page, int size, long total) {
}
