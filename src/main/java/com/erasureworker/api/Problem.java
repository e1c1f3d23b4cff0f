package com.erasureworker.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error answer as RFC 9457 defines it ({@code application/problem+json}), with the fields at fault so a client can
 * point at them. Details never echo submitted values: they may be the very e-mail address being erased.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details, with the fields at fault")
public record Problem(
        @Schema(description = "URI naming the kind of problem", examples = "urn:erasure-worker:problem:invalid-value") String type,
        @Schema(description = "short summary of the kind of problem") String title,
        @Schema(description = "the HTTP status") int status,
        @Schema(description = "what went wrong with this request") String detail,
        @Schema(description = "one entry per field at fault; empty when no field is") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:erasure-worker:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String kind, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, errors);
    }

    public static Problem of(int status, String kind, String title, String detail) {
        return of(status, kind, title, detail, List.of());
    }

    /** A field (JSON path such as {@code subject.conversationIds[3]}, or a query parameter) and what is wrong with it. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String reason) {
    }
}
