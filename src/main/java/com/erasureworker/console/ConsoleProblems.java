package com.erasureworker.console;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.erasure.InvalidTicketChangeException;
import com.erasureworker.erasure.TicketConflictException;
import com.erasureworker.erasure.TicketNotFoundException;
import java.util.List;

/** The ticket-change exceptions as the API answers them (api.ProblemMappers), for pages that show them inline. */
final class ConsoleProblems {

    private ConsoleProblems() {
    }

    /** The problem for a known exception, or null for anything else (which then propagates). */
    static ProblemException of(RuntimeException e) {
        if (e instanceof TicketNotFoundException) {
            return ProblemException.notFound(e.getMessage());
        }
        if (e instanceof TicketConflictException conflict) {
            return new ProblemException(Problem.of(409, "conflict", "Conflict with the ticket's state",
                    e.getMessage(), List.of(new Problem.FieldError(conflict.field(), e.getMessage()))));
        }
        if (e instanceof InvalidTicketChangeException invalid) {
            return ProblemException.invalid(e.getMessage(),
                    List.of(new Problem.FieldError(invalid.field(), e.getMessage())));
        }
        return null;
    }
}
