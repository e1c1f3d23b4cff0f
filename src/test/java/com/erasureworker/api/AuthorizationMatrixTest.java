package com.erasureworker.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API endpoint against every kind of caller: no credentials, dpo, auditor, admin. Ids that do not exist are used
 * where the operation needs one, so an allowed caller gets 404 (or 409) and a refused one 401/403 before any lookup.
 * Triggering a sweep, writing the retention policy and starting a canary change shared state; their roles are checked
 * in the sweep and canary tests; pausing, resuming and placing a legal hold in the controls tests.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final String UNKNOWN = UUID.randomUUID().toString();
    private static final String TICKETS = "/api/v1/erasure-requests";

    record Endpoint(String method, String path, Object body, int none, int dpo, int auditor, int admin) {
    }

    static Stream<Arguments> endpoints() {
        Map<String, Object> submission = Map.of("ticketRef", "MATRIX-" + UUID.randomUUID(),
                "subject", Map.of("conversationIds", List.of(31337)));
        Map<String, Object> extension = Map.of("dueAt", "2099-01-01T00:00:00Z", "reason", "matrix");
        Map<String, Object> reason = Map.of("reason", "matrix");
        return Stream.of(
                new Endpoint("POST", TICKETS, submission, 401, 202, 403, 200),
                new Endpoint("GET", TICKETS, null, 401, 200, 200, 200),
                new Endpoint("GET", TICKETS + "/" + UNKNOWN, null, 401, 404, 404, 404),
                new Endpoint("GET", TICKETS + "/" + UNKNOWN + "/history", null, 401, 404, 404, 404),
                new Endpoint("POST", TICKETS + "/" + UNKNOWN + "/retry", null, 401, 404, 403, 404),
                new Endpoint("POST", TICKETS + "/" + UNKNOWN + "/cancel", null, 401, 404, 403, 404),
                new Endpoint("POST", TICKETS + "/" + UNKNOWN + "/extend", extension, 401, 404, 403, 404),
                new Endpoint("POST", TICKETS + "/" + UNKNOWN + "/approve", null, 401, 404, 403, 404),
                new Endpoint("POST", TICKETS + "/" + UNKNOWN + "/reject", reason, 401, 404, 403, 404),
                new Endpoint("GET", "/api/v1/processing", null, 401, 200, 200, 200),
                new Endpoint("GET", "/api/v1/legal-holds", null, 401, 200, 200, 200),
                new Endpoint("GET", "/api/v1/legal-holds/" + UNKNOWN, null, 401, 404, 404, 404),
                new Endpoint("POST", "/api/v1/legal-holds/" + UNKNOWN + "/release", reason, 401, 403, 403, 404),
                new Endpoint("GET", "/api/v1/sweeps/" + UNKNOWN + "/held", null, 401, 404, 404, 404),
                new Endpoint("GET", "/api/v1/audit-events/verify", null, 401, 403, 200, 200),
                new Endpoint("GET", "/api/v1/audit-events/head", null, 401, 403, 200, 200),
                new Endpoint("GET", "/api/v1/audit-events/public-key", null, 401, 200, 200, 200),
                new Endpoint("GET", "/api/v1/certificate-signing-key", null, 401, 200, 200, 200),
                new Endpoint("GET", "/api/v1/audit-events", null, 401, 403, 200, 200),
                new Endpoint("GET", TICKETS + "/" + UNKNOWN + "/certificate", null, 401, 404, 404, 404),
                new Endpoint("GET", "/api/v1/retention-policy", null, 401, 200, 200, 200),
                new Endpoint("GET", "/api/v1/sweeps", null, 401, 200, 200, 200),
                new Endpoint("GET", "/api/v1/sweeps/" + UNKNOWN, null, 401, 404, 404, 404),
                new Endpoint("GET", "/api/v1/sweeps/" + UNKNOWN + "/conversations", null, 401, 404, 404, 404),
                new Endpoint("GET", "/api/v1/dixa/contract", null, 401, 403, 200, 200),
                new Endpoint("POST", "/api/v1/dixa/contract/check", null, 401, 403, 403, 200),
                new Endpoint("POST", "/api/v1/dixa/contract/acknowledge", reason, 401, 403, 403, 409),
                new Endpoint("GET", "/api/v1/canary/runs", null, 401, 403, 200, 200),
                new Endpoint("GET", "/api/v1/canary/runs/" + UNKNOWN, null, 401, 403, 404, 404),
                new Endpoint("GET", "/api/v1/webhooks", null, 401, 403, 403, 200),
                new Endpoint("GET", "/api/v1/webhooks/" + UNKNOWN, null, 401, 403, 403, 404),
                new Endpoint("POST", "/api/v1/webhooks/" + UNKNOWN + "/test", null, 401, 403, 403, 404),
                new Endpoint("GET", "/api/v1/webhooks/" + UNKNOWN + "/deliveries", null, 401, 403, 403, 404),
                new Endpoint("POST", "/api/v1/webhooks/" + UNKNOWN + "/deliveries/" + UNKNOWN + "/replay", null,
                        401, 403, 403, 404))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void everyEndpointAnswersEachRoleAsDocumented(Endpoint endpoint) {
        call(given(), endpoint).then().statusCode(endpoint.none());
        call(as("dpo"), endpoint).then().statusCode(endpoint.dpo());
        call(as("auditor"), endpoint).then().statusCode(endpoint.auditor());
        call(as("admin"), endpoint).then().statusCode(endpoint.admin());
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }

    private static io.restassured.response.Response call(RequestSpecification request, Endpoint endpoint) {
        request = request.contentType(ContentType.JSON);
        if (endpoint.body() != null) {
            request = request.body(endpoint.body());
        }
        return endpoint.method().equals("POST") ? request.post(endpoint.path()) : request.get(endpoint.path());
    }
}
