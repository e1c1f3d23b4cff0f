package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records every request under {@code /simulator/} in the {@link CallLog} as its answer starts, including those
 * rejected before any resource ran. It sits on the Vert.x router, in front of Quarkus REST, because only there the
 * final status of every request (also unmatched paths and reset connections) is visible.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class CallRecorder {
    static final String PREFIX = "/simulator";
    /** RoutingContext keys the {@link SimulatorGate} fills in. */
    static final String BODY = "simulator.body";
    static final String RESET = "simulator.reset";

    @Inject
    CallLog log;

    void register(@Observes Router router) {
        router.route(PREFIX + "/*").order(-1000).handler(this::record);
    }

    private void record(RoutingContext rc) {
        Instant at = Instant.now();
        String method = rc.request().method().name();
        String path = rc.request().path().substring(PREFIX.length());
        String query = rc.request().query();
        String authorization = rc.request().getHeader("Authorization");
        AtomicBoolean logged = new AtomicBoolean();
        Runnable once = () -> {
            if (logged.compareAndSet(false, true)) {
                int status = rc.get(RESET) != null ? 0 : rc.response().getStatusCode();
                log.add(new SimCall(at, method, path, query, status, authorization, rc.get(BODY)));
            }
        };
        // Logged as the status line is written, before the client can have the answer: a test that has an answer
        // finds its call in the log. A connection reset before any answer is logged when the exchange ends.
        rc.addHeadersEndHandler(headers -> once.run());
        rc.addEndHandler(done -> once.run());
        rc.next();
    }
}
