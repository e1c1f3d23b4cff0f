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
 * Throttles failed sign-ins per client address and per user name: each failure takes a token from that address's
 * in-memory Bucket4j bucket ({@code api.sign-in.failures-per-minute}, refilled over a minute); while it is empty,
 * requests that carry credentials get 429 before they are checked. A failed console sign-in also takes a token from
 * the user name's bucket ({@code console.sign-in.failures-per-user-per-minute}); while that is empty, only addresses
 * that have failed themselves are refused (see {@link FormSignIns}), so a valid user elsewhere still signs in. The
 * buckets live in LRU maps of at most {@value #MAX_ADDRESSES} entries, so a flood from many addresses or names cannot
 * grow memory (an evicted entry merely starts afresh). The address is the request's remote address as Quarkus gives
 * it: the TCP peer, or with {@code quarkus.http.proxy.*} trusted-proxy forwarding the forwarded client address.
 */
@ApplicationScoped
public class SignInThrottle {

    static final int MAX_ADDRESSES = 10_000;
    /** Before the JSON-only check (-4). */
    private static final int ORDER = -5;

    private final int perMinute;
    private final int perUserPerMinute;
    private final Map<String, Bucket> buckets = lru();
    private final Map<String, Bucket> userBuckets = lru();

    SignInThrottle(@ConfigProperty(name = "api.sign-in.failures-per-minute", defaultValue = "20") int perMinute,
            @ConfigProperty(name = "console.sign-in.failures-per-user-per-minute", defaultValue = "10")
            int perUserPerMinute) {
        this.perMinute = perMinute;
        this.perUserPerMinute = perUserPerMinute;
    }

    private static Map<String, Bucket> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_ADDRESSES;
            }
        };
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

    /** One failed sign-in as {@code user} (console form). */
    void failedAs(String user) {
        bucket(userBuckets, user, perUserPerMinute).tryConsume(1);
    }

    /** Whether {@code user}'s bucket is empty and {@code address} has failed sign-ins of its own in the window. */
    boolean userThrottledFor(String user, String address) {
        return bucket(userBuckets, user, perUserPerMinute).getAvailableTokens() < 1
                && bucket(address).getAvailableTokens() < perMinute;
    }

    int retryAfterSeconds() {
        return Math.max(1, 60 / Math.max(1, Math.min(perMinute, perUserPerMinute)));
    }

    /** Forgets every bucket (tests that flood start and end clean). */
    void forgetAll() {
        synchronized (buckets) {
            buckets.clear();
        }
        synchronized (userBuckets) {
            userBuckets.clear();
        }
    }

    static String address(RoutingContext context) {
        return context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
    }

    private Bucket bucket(String address) {
        return bucket(buckets, address, perMinute);
    }

    private static Bucket bucket(Map<String, Bucket> map, String key, int perMinute) {
        synchronized (map) {
            return map.computeIfAbsent(key, any -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
                            .build())
                    .build());
        }
    }
}
