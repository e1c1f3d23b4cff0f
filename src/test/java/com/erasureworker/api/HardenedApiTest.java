package com.erasureworker.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * What a browser-borne or careless caller meets: state-changing requests only as JSON (a cross-site text/plain or
 * form POST gets 415 before anything is read), and security headers on every answer.
 */
@QuarkusTest
class HardenedApiTest {

    private static final String TICKET = "/api/v1/erasure-requests/" + UUID.randomUUID();

    record Write(String method, String path) {
    }

    static List<Write> writes() {
        return List.of(new Write("POST", "/api/v1/erasure-requests"), new Write("POST", TICKET + "/retry"),
                new Write("POST", TICKET + "/cancel"), new Write("POST", TICKET + "/extend"),
                new Write("PUT", "/api/v1/retention-policy"), new Write("POST", "/api/v1/sweeps"));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void everyStateChangingEndpointRefusesTextPlainAndFormsWith415(Write write) {
        given().auth().preemptive().basic("admin", "admin-demo-password").contentType("text/plain")
                .body("{\"dryRun\":false}").request(write.method(), write.path()).then().statusCode(415)
                .contentType("application/problem+json").body("errors[0].field", equalTo("Content-Type"));
        given().auth().preemptive().basic("admin", "admin-demo-password").formParam("dryRun", "false")
                .request(write.method(), write.path()).then().statusCode(415);
        given().auth().preemptive().basic("admin", "admin-demo-password").request(write.method(), write.path())
                .then().statusCode(415);
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndApiAnswersAreNotCached() {
        for (var answer : List.of(given().get("/api/v1/erasure-requests").then().statusCode(401),
                given().auth().preemptive().basic("auditor", "auditor-demo-password").get("/api/v1/erasure-requests")
                        .then().statusCode(200))) {
            answer.header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Cache-Control", containsString("no-store"));
        }
        given().contentType("text/plain").post("/api/v1/sweeps").then().statusCode(415)
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void controlCharactersOutOfRangeDatesAndOverflowingPagesAnswerProblemsNot500() {
        admin().contentType("application/json").body("{\"ticketRef\": \"NUL-1\", \"subject\": {\"conversationIds\": [1]},"
                + " \"reason\": \"a\\u0000b\"}").post("/api/v1/erasure-requests").then().statusCode(422)
                .body("errors[0].field", equalTo("reason"));
        admin().contentType("application/json").body("{\"dueAt\": \"2099-01-01T00:00:00Z\", \"reason\": \"x\\u0000\"}")
                .post(TICKET + "/extend").then().statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("reason"));
        admin().queryParam("actor", "a\u0000b").get("/api/v1/audit-events").then().statusCode(400)
                .body("errors[0].field", equalTo("actor"));
        admin().queryParam("from", "+999999999-12-31T23:59:59Z").get("/api/v1/audit-events").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        for (String path : List.of("/api/v1/audit-events", "/api/v1/erasure-requests", "/api/v1/sweeps")) {
            admin().queryParam("page", Integer.MAX_VALUE).queryParam("size", 100).get(path).then().statusCode(400)
                    .body("errors[0].field", equalTo("page"));
        }
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-demo-password");
    }
}
