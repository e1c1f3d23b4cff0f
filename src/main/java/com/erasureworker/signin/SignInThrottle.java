package com.erasureworker.signin;

import com.erasureworker.api.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Throttles failed sign-ins per client address: each failure takes a token from that address's in-memory Bucket4j
 * bucket ({@code api.sign-in.failures-per-minute}, refilled over a minute); while it is empty, requests that carry
 * credentials get 429 before they are checked. The buckets live in an LRU map of at most {@value #MAX_ADDRESSES}
 * addresses, so a flood from many addresses cannot grow memory (an evicted address merely starts afresh).
 * The address is the TCP peer: behind a proxy, all clients share the proxy's bucket.
 */
@ApplicationScoped
public class SignInThrottle {

    static final int MAX_ADDRESSES = 10_000;
    /** Before the JSON-only check (-4). */
    private static final int ORDER = -5;

    private final int perMinute;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    SignInThrottle(@ConfigProperty(name = "api.sign-in.failures-per-minute", defaultValue = "20") int perMinute) {
        this.perMinute = perMinute;
    }

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        String body = json.writeValueAsString(Problem.of(429, "too-many-sign-in-failures", "Too many failed sign-ins",
                "Too many failed sign-ins from your address; try again in a minute. Nothing was recorded."));
        router.route("/api/*").order(ORDER).handler(context -> {
            if (context.request().getHeader(HttpHeaders.AUTHORIZATION) != null && exhausted(address(context))) {
                context.response().setStatusCode(429).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, 60 / Math.max(1, perMinute))))
                        .end(body);
                return;
            }
            context.next();
        });
    }

    /** One failed sign-in from {@code address}. */
    void failed(String address) {
        bucket(address).tryConsume(1);
    }

    boolean exhausted(String address) {
        return bucket(address).getAvailableTokens() < 1;
    }

    static String address(RoutingContext context) {
        return context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
    }

    private Bucket bucket(String address) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(address, any -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
                            .build())
                    .build());
        }
    }
}
