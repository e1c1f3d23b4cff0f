package com.erasureworker.erasure;

/** The ticket exists but is not in a state that allows the operation (answered 409 with the reason). */
public class TicketConflictException extends RuntimeException {

    private final String field;

    public TicketConflictException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
