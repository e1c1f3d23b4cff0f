package com.erasureworker.erasure;

/** A change to a ticket with a value the rules do not allow (answered 422 with the field and reason). */
public class InvalidTicketChangeException extends RuntimeException {

    private final String field;

    public InvalidTicketChangeException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
