package com.erasureworker.api;

import com.erasureworker.erasure.InvalidTicketChangeException;
import com.erasureworker.erasure.TicketConflictException;
import com.erasureworker.erasure.TicketNotFoundException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns the API's expected failures into problem answers. Security failures are mapped here too, which works because
 * proactive authentication is off (application.properties): authentication then happens inside the REST layer.
 * The 401 challenge comes from whichever mechanism is configured (Basic today, OIDC later), not from this class.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(TicketNotFoundException e) {
        return ProblemException.notFound(e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(TicketConflictException e) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict with the ticket's state", e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage())))).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidChange(InvalidTicketChangeException e) {
        return ProblemException.invalid("The change cannot be made with these values.",
                List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Uni<Response> unauthenticated(RoutingContext context) {
        Problem problem = Problem.of(401, "unauthenticated", "Authentication required",
                "Send valid credentials to use this API.");
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(new ProblemException(problem).toResponse());
        }
        boolean console = context.normalizedPath().startsWith("/console");
        return authenticator.getChallenge(context).onItem().transform(challenge -> console
                ? consoleChallenge(problem, challenge) : withChallenge(problem, challenge));
    }

    /**
     * The console is the form's: a failed form sign-in (or an expired session) gets the form mechanism's redirect (to
     * the error page, or to the sign-in page), as a browser expects, not a Basic challenge that would open its
     * password dialog.
     */
    private static Response consoleChallenge(Problem problem, ChallengeData challenge) {
        if (challenge == null || challenge.status < 300 || challenge.status >= 400) {
            return withChallenge(problem, challenge);
        }
        Response.ResponseBuilder builder = Response.status(challenge.status);
        if (challenge.getHeaders() != null) {
            challenge.getHeaders().forEach((name, value) -> builder.header(name.toString(), value));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return new ProblemException(Problem.of(403, "forbidden", "Not allowed",
                "Your role does not allow this operation.")).toResponse();
    }

    private static Response withChallenge(Problem problem, ChallengeData challenge) {
        Response.ResponseBuilder builder = Response.status(401).type(Problem.MEDIA_TYPE).entity(problem);
        if (challenge != null && challenge.status >= 300 && challenge.status < 400) {
            // Outside the console the form's redirect is no answer: an API client gets the Basic challenge.
            String realm = ConfigProvider.getConfig().getOptionalValue("quarkus.http.auth.realm", String.class)
                    .orElse("dixa-erasure-worker");
            return builder.header("WWW-Authenticate", "Basic realm=\"" + realm + "\"").build();
        }
        if (challenge != null && challenge.getHeaders() != null) {
            challenge.getHeaders().forEach((name, value) -> builder.header(name.toString(), value));
        }
        return builder.build();
    }
}
