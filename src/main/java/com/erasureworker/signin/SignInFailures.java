package com.erasureworker.signin;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Counts failed sign-ins (API credentials and the console's form) without letting an unauthenticated caller write:
 * each failure is a metric increment and a token taken from its address's (and, for the form, its user name's)
 * throttle, in memory; at most once a minute per replica the counts since the last
 * flush become one {@code SIGN_IN_FAILURES} audit event (count per route template). Neither the path a caller chose
 * nor the user name tried is kept, so a flood adds one row a minute and nothing personal.
 */
@ApplicationScoped
public class SignInFailures {

    /** Route templates: known API resources with ids replaced; anything else counts as "other". */
    private static final Pattern RESOURCE = Pattern.compile(
            "/api/v1/(erasure-requests|audit-events|retention-policy|sweeps)(/.*)?");
    private static final Pattern ID = Pattern.compile("/[^/]+");

    private final SignInThrottle throttle;
    private final AuditTrail audit;
    private final Counter counter;
    private final Map<String, LongAdder> pending = new ConcurrentHashMap<>();

    SignInFailures(SignInThrottle throttle, AuditTrail audit, MeterRegistry registry) {
        this.throttle = throttle;
        this.audit = audit;
        this.counter = Counter.builder("api.sign.in.failures").description("failed sign-ins (wrong or refused credentials)")
                .register(registry);
    }

    /** On the I/O thread: memory only. Requests without credentials are not sign-in attempts. */
    void failed(@Observes AuthenticationFailureEvent event) {
        Object value = event.getEventProperties().get(RoutingContext.class.getName());
        if (!(value instanceof RoutingContext context)
                || context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            return;
        }
        counter.increment();
        throttle.failed(SignInThrottle.address(context));
        pending.computeIfAbsent(template(context.normalizedPath()), any -> new LongAdder()).increment();
    }

    /** A failed console form sign-in (memory only, on the I/O thread): counted, throttled, aggregated. */
    void formFailed(String address, String user) {
        counter.increment();
        throttle.failed(address);
        throttle.failedAs(user);
        pending.computeIfAbsent(FormSignIns.ROUTE, any -> new LongAdder()).increment();
    }

    static String template(String path) {
        var matcher = RESOURCE.matcher(path == null ? "" : path);
        if (!matcher.matches()) {
            return "other";
        }
        String rest = matcher.group(2) == null ? "" : ID.matcher(matcher.group(2)).replaceAll("/{id}");
        return "/api/v1/" + matcher.group(1) + (rest.length() > 40 ? "/{id}" : rest);
    }

    /**
     * Each replica flushes its own counts, so this is a plain Vert.x timer rather than a (cluster-wide single) Quartz
     * job; the write runs on a worker thread.
     */
    void startFlushing(@Observes StartupEvent event, Vertx vertx,
            @ConfigProperty(name = "api.sign-in.audit-every", defaultValue = "60s") Duration every) {
        vertx.setPeriodic(every.toMillis(), timer -> vertx.executeBlocking(() -> {
            flush();
            return null;
        }, false));
    }

    /** The counts since the last flush as one audit event; nothing when there were none. */
    public void flush() {
        Map<String, Object> routes = new TreeMap<>();
        long total = 0;
        for (String route : pending.keySet()) {
            long count = pending.remove(route).sum();
            routes.put(route, count);
            total += count;
        }
        if (total == 0) {
            return;
        }
        Map<String, Object> detail = Map.of("count", total, "routes", routes);
        QuarkusTransaction.requiringNew().run(() -> audit.record(AuditType.SIGN_IN_FAILURES, "anonymous", null, null,
                detail));
    }
}
