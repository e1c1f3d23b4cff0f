package com.erasureworker.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With production's sign-in (OIDC bearer tokens, Basic off) each mechanism is the only way in where it applies: one
 * Authorization header, no console cookie on the API, and the Dixa-events endpoint with its own credentials.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.OidcTenant.class)
class OneWayInTest {

    private static final String TICKETS = "/api/v1/erasure-requests";
    private static final String DPO_BASIC = "Basic ZHBvOmRwby1kZW1vLXBhc3N3b3Jk"; // dpo:dpo-demo-password

    @Test
    void aBearerHeaderFollowedByRightBasicCredentialsIsRefused() {
        given().header("Authorization", "Bearer x").header("Authorization", DPO_BASIC).get(TICKETS).then()
                .statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("one Authorization header"));
        String token = LocalTokens.token("dana.dpo", List.of("dpo"), Instant.now().plusSeconds(300));
        given().header("Authorization", "Bearer " + token).header("Authorization", "Bearer " + token).get(TICKETS)
                .then().statusCode(401);
        given().auth().oauth2(token).get(TICKETS).then().statusCode(200);
    }

    @Test
    void aConsoleSessionCookieIsNoApiCredential() {
        var signIn = given().formParam("j_username", "admin").formParam("j_password", "admin-demo-password")
                .redirects().follow(false).post("/console/j_security_check").then().statusCode(302).extract();
        String session = signIn.cookie("console-session");
        given().cookies(signIn.cookies()).redirects().follow(false).get("/console").then().statusCode(200);

        given().cookie("console-session", session).get(TICKETS).then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("not an API credential"));
        given().cookie("console-session", session).get("/api/v1/legal-holds").then().statusCode(401);
    }

    @Test
    void anotherSchemeThanBearerIsRefusedWhileBasicIsOff() {
        given().header("Authorization", "Digest username=\"dpo\"").get(TICKETS).then().statusCode(401)
                .body("detail", containsString("bearer token"));
    }

    @Test
    void dixaEventsWithTheirOwnCredentialsAreReceivedWhileBasicIsOff() {
        Map<String, Object> event = Map.of("event_fqn", "CONVERSATION_OPEN",
                "data", Map.of("conversation", Map.of("csid", 4711)));
        given().auth().preemptive().basic("dixa-events", "test-only-dixa-events-password").contentType(ContentType.JSON)
                .body(event).post("/api/v1/dixa-events").then().statusCode(204);
        given().auth().preemptive().basic("dixa-events", "wrong-password").contentType(ContentType.JSON)
                .body(event).post("/api/v1/dixa-events").then().statusCode(401);
        // The events' credentials open that one endpoint only.
        given().auth().preemptive().basic("dixa-events", "test-only-dixa-events-password")
                .post("/api/v1/dixa-events/subscription").then().statusCode(401);
    }
}
