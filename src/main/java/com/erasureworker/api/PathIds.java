package com.erasureworker.api;

import java.util.List;
import java.util.UUID;

/**
 * The one parser of ids in paths: a malformed id answers 400 naming the parameter (it cannot name anything), a
 * well-formed one that names nothing is the resource's 404. Only the canonical 36-character form is accepted, so one
 * resource has one URL.
 */
public final class PathIds {

    private PathIds() {
    }

    /** {@code value} as a UUID; {@code what} names the resource in the answer, e.g. "ticket". */
    public static UUID uuid(String value, String what) {
        try {
            if (value != null && value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException notUuid) {
            // answered below
        }
        throw ProblemException.badRequest("The " + what + " id must be a UUID.",
                List.of(new Problem.FieldError("id", "must be a UUID")));
    }
}
