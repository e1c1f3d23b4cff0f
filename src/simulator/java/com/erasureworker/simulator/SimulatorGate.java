package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

/**
 * What stands between a client and a simulator resource, in Dixa's order: the raw-token check (401), the per-token
 * rate limit (429), then injected faults. It also hands the request body to the {@link CallRecorder}.
 * A plain JAX-RS provider rather than {@code @ServerRequestFilter} methods: the filters Quarkus generates from those
 * methods were still present in a prod build despite {@code @UnlessBuildProfile} on the class.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
@UnlessBuildProfile("prod")
public class SimulatorGate implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String EFFECT_THEN_ERROR = "simulator.effect-then-error";
    private static final String EFFECT_THEN_SLOW = "simulator.effect-then-slow";
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ConfigProperty(name = "simulator.api-token")
    String apiToken;

    @Inject
    SimulatorRateLimit rateLimit;

    @Inject
    SimulatorFaults faults;

    @Inject
    SimulatorModes modes;

    /** {@code /simulator/<version>/...} → {@code <version>}. */
    private static String versionOf(String path) {
        String rest = path.substring(CallRecorder.PREFIX.length() + 1);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Response refusal = admit(request);
        if (refusal != null) {
            request.abortWith(refusal);
        }
    }

    private Response admit(ContainerRequestContext request) throws IOException {
        RoutingContext rc = ((ServerHttpRequest) ((ResteasyReactiveContainerRequestContext) request)
                .getServerRequestContext()).unwrap(RoutingContext.class);
        if (!rc.request().path().startsWith(CallRecorder.PREFIX + "/")) {
            return null;
        }
        if (WITH_BODY.contains(request.getMethod()) && request.hasEntity()) {
            byte[] body = request.getEntityStream().readAllBytes();
            rc.put(CallRecorder.BODY, new String(body, StandardCharsets.UTF_8));
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        if (modes.unknownVersion(versionOf(rc.request().path()))) {
            return DixaError.answer(404, "The requested resource could not be found");
        }
        // The token is sent raw, as in Dixa's docs; "Bearer <token>" is refused (README open question 12 leaves it open).
        String token = request.getHeaderString("Authorization");
        if (token == null || !token.equals(apiToken) || modes.tokenRevoked()) {
            return DixaError.answer(401, "User is unauthorized to perform an underlying operation");
        }
        if (!rateLimit.admit(token)) {
            return tooManyRequests();
        }
        Runnable otherActor = faults.takeBefore(request.getMethod(), rc.request().path());
        if (otherActor != null) {
            otherActor.run();
        }
        FaultKind fault = faults.draw(request.getMethod(), rc.request().path());
        if (fault == null) {
            return null;
        }
        switch (fault) {
            case SERVER_ERROR:
                return serverError();
            case SERVICE_UNAVAILABLE:
                return DixaError.answer(503, "Service Unavailable");
            case TOO_MANY_REQUESTS:
                rateLimit.countTooManyRequests();
                return tooManyRequests();
            case CONNECTION_RESET:
                rc.put(CallRecorder.RESET, Boolean.TRUE);
                dropConnection(rc);
                return serverError(); // never reaches the client; it only stops the resource from running
            case SLOW:
                pause(faults.slowDelay());
                return null;
            case EFFECT_THEN_SERVER_ERROR:
                request.setProperty(EFFECT_THEN_ERROR, Boolean.TRUE);
                return null;
            case EFFECT_THEN_SLOW:
                request.setProperty(EFFECT_THEN_SLOW, Boolean.TRUE);
                return null;
            default:
                throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    /** The effect already happened in the resource; only the answer turns into a 500. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(EFFECT_THEN_SLOW) != null) {
            pause(faults.slowDelay());
        }
        if (request.getProperty(EFFECT_THEN_ERROR) != null) {
            response.setStatus(500);
            response.setEntity(new DixaError.ErrorBody(SERVER_ERROR_MESSAGE), new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE);
        }
    }

    private static final String SERVER_ERROR_MESSAGE =
            "There was an internal server error while processing the request";

    private static Response serverError() {
        return DixaError.answer(500, SERVER_ERROR_MESSAGE);
    }

    private Response tooManyRequests() {
        Response.ResponseBuilder answer = Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new DixaError.ErrorBody("Too Many Requests"));
        Duration retryAfter = rateLimit.retryAfter();
        if (retryAfter != null) {
            answer.header("Retry-After", Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
        return answer.build();
    }

    /**
     * Closes the TCP connection and waits until it is closed. Vert.x's {@code HttpConnection.close()} lets an answer
     * already under way win the race, so the Netty channel is closed directly (Vert.x internal API, test-only code).
     */
    private static void dropConnection(RoutingContext rc) {
        if (rc.request().connection() instanceof io.vertx.core.net.impl.ConnectionBase connection) {
            connection.channel().close().awaitUninterruptibly(1000);
        } else {
            rc.request().connection().close();
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
