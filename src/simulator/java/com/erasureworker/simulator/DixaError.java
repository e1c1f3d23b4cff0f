package com.erasureworker.simulator;

import jakarta.ws.rs.core.Response;

/** A Dixa error answer: the status plus the {@code {"message": ...}} body every Dixa error carries. */
final class DixaError extends RuntimeException {
    final int status;

    DixaError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static DixaError badRequest(String message) {
        return new DixaError(400, message);
    }

    static DixaError notFound() {
        return new DixaError(404, "The requested resource could not be found");
    }

    static DixaError conflict(String message) {
        return new DixaError(409, message);
    }

    Response toResponse() {
        return answer(status, getMessage());
    }

    static Response answer(int status, String message) {
        return Response.status(status).type("application/json").entity(new ErrorBody(message)).build();
    }

    record ErrorBody(String message) {
    }
}
