package com.erasureworker.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Production sign-in: OIDC bearer tokens, roles from the configured claim, bad tokens refused as problems. */
@QuarkusTest
@TestProfile(OidcSignInTest.OidcTenant.class)
class OidcSignInTest {

    private static final String TICKETS = "/api/v1/erasure-requests";

    public static class OidcTenant implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", LocalTokens.publicKey(),
                    "quarkus.oidc.token.issuer", LocalTokens.ISSUER,
                    "quarkus.oidc.roles.role-claim-path", "groups",
                    // production's defaults: an audience is required, and Basic sign-in is off
                    "quarkus.oidc.token.audience", LocalTokens.AUDIENCE,
                    "api.basic-auth.enabled", "false");
        }
    }

    @Test
    void aTokenWithTheDpoGroupMaySubmitAndIsRecordedAsTheRequester() {
        String token = LocalTokens.token("dana.dpo", List.of("dpo"), Instant.now().plusSeconds(300));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "OIDC-" + UUID.randomUUID(), "subject", Map.of("conversationIds", List.of(7))))
                .post(TICKETS).then().statusCode(202).body("requestedBy", equalTo("dana.dpo"));
    }

    @Test
    void anAuditorTokenMayReadButNotSubmit() {
        String token = LocalTokens.token("aud.itor", List.of("auditor"), Instant.now().plusSeconds(300));

        given().auth().oauth2(token).get(TICKETS).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "OIDC-" + UUID.randomUUID(), "subject", Map.of("conversationIds", List.of(7))))
                .post(TICKETS).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void expiredOrForgedTokensAreRefused() {
        given().auth().oauth2(LocalTokens.token("late", List.of("admin"), Instant.now().minusSeconds(600)))
                .get(TICKETS).then().statusCode(401);
        given().auth().oauth2(LocalTokens.forged("mallory", List.of("admin"))).get(TICKETS).then().statusCode(401);
    }

    @Test
    void aTokenOfTheSameIssuerForAnotherAudienceIsRefused() {
        given().auth().oauth2(LocalTokens.forAnotherAudience("mallory", List.of("admin"))).get(TICKETS).then()
                .statusCode(401);
    }

    @Test
    void withBasicSignInSwitchedOffAsInProductionEvenRightBasicCredentialsAreRefused() {
        given().auth().preemptive().basic("auditor", "auditor-demo-password").get(TICKETS).then().statusCode(401);
    }
}
