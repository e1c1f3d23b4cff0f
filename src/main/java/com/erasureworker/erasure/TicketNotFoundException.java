package com.erasureworker.erasure;

import java.util.UUID;

/** No ticket with that id (answered 404). */
public class TicketNotFoundException extends RuntimeException {

    public TicketNotFoundException(UUID id) {
        super("No erasure request " + id);
    }
}
