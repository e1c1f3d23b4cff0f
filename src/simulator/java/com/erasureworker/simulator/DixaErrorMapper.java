package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns a {@link DixaError} thrown by a simulator resource into Dixa's error answer. */
@Provider
@UnlessBuildProfile("prod")
public class DixaErrorMapper implements ExceptionMapper<DixaError> {
    @Override
    public Response toResponse(DixaError error) {
        return error.toResponse();
    }
}
