package com.erasureworker.intake;

import com.erasureworker.api.Problem.FieldError;
import com.erasureworker.api.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a submission, in two grades: malformed (not the JSON shape or types we accept: 400) and invalid
 * (well-formed, but values we refuse: 422). Capped, so 10,000 bad ids do not produce a 10,000-entry answer.
 */
final class Findings {

    private static final int MAX_REPORTED = 50;
    private static final int MAX_FIELD_LENGTH = 80;

    private final List<FieldError> malformed = new ArrayList<>();
    private final List<FieldError> invalid = new ArrayList<>();

    void malformed(String field, String reason) {
        add(malformed, field, reason);
    }

    void invalid(String field, String reason) {
        add(invalid, field, reason);
    }

    /** Malformed wins: values are not judged while the shape is wrong. */
    void throwIfAny() {
        if (!malformed.isEmpty()) {
            throw ProblemException.badRequest("The request body does not have the expected shape or types.", malformed);
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("Some values of the request are not acceptable; nothing was recorded.",
                    invalid);
        }
    }

    private static void add(List<FieldError> list, String field, String reason) {
        if (list.size() < MAX_REPORTED) {
            // Field names can come from the client (unknown fields): keep them short.
            String name = field.length() <= MAX_FIELD_LENGTH ? field : field.substring(0, MAX_FIELD_LENGTH) + "…";
            list.add(new FieldError(name, reason));
        }
    }
}
