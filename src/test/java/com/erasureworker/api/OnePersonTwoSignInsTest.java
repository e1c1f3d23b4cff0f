package com.erasureworker.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.erasureworker.signin.ConsoleForm;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Four eyes compare persons, not sign-in names: the embedded user "dpo" is declared to be the OIDC person
 * {@value #DANA} (PERSONS_EMBEDDED_USERS_DPO), so a ticket she submits with a token cannot be approved by her in the
 * console, nor the other way round; a second person still can.
 */
@QuarkusTest
@TestProfile(OnePersonTwoSignInsTest.LinkedPerson.class)
class OnePersonTwoSignInsTest {

    static final String DANA = "0b6c3f2e-dana";
    private static final String TICKETS = "/api/v1/erasure-requests";

    public static class LinkedPerson implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", LocalTokens.publicKey(),
                    "quarkus.oidc.token.issuer", LocalTokens.ISSUER,
                    "quarkus.oidc.token.audience", LocalTokens.AUDIENCE,
                    "approval.required", "all",
                    "persons.embedded-users.dpo", DANA);
        }
    }

    private static String token() {
        return LocalTokens.token(DANA, "Dana Dahl", List.of("dpo"), Instant.now().plusSeconds(300));
    }

    private static String submitWithToken() {
        return given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "PERSON-" + UUID.randomUUID(), "subject", Map.of("conversationIds", List.of(7))))
                .post(TICKETS).then().statusCode(202).body("requestedBy", equalTo("dpo")).extract().path("id");
    }

    @Test
    void aTicketSubmittedWithAnOidcTokenCannotBeApprovedByTheSamePersonInTheConsole() {
        String ticket = submitWithToken();
        ConsoleForm console = ConsoleForm.signIn("dpo", "dpo-demo-password");
        assertThat(console.get("/console/controls").asString()).as("the person with the display name of her token")
                .contains("Dana Dahl (dpo)");

        assertThat(console.post("/console/controls", "/console/controls/tickets/" + ticket + "/approve", Map.of())
                .statusCode()).isEqualTo(403);
        given().auth().preemptive().basic("auditor", "auditor-demo-password").get(TICKETS + "/" + ticket).then()
                .body("state", equalTo("AWAITING_APPROVAL"));

        ConsoleForm second = ConsoleForm.signIn("dpo2", "dpo2-demo-password");
        assertThat(second.post("/console/controls", "/console/controls/tickets/" + ticket + "/approve", Map.of())
                .statusCode()).isEqualTo(303);
        given().auth().preemptive().basic("auditor", "auditor-demo-password").get(TICKETS + "/" + ticket).then()
                .body("state", equalTo("IN_PROGRESS")).body("decidedBy", equalTo("dpo2"));
    }

    @Test
    void aTicketSubmittedAsTheEmbeddedUserCannotBeApprovedWithThatPersonsToken() {
        String ticket = given().auth().preemptive().basic("dpo", "dpo-demo-password").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "PERSON-" + UUID.randomUUID(), "subject", Map.of("conversationIds", List.of(8))))
                .post(TICKETS).then().statusCode(202).extract().path("id");

        given().auth().oauth2(token()).contentType(ContentType.JSON).post(TICKETS + "/" + ticket + "/approve").then().statusCode(403)
                .contentType("application/problem+json").body("errors[0].field", equalTo("requestedBy"));
        given().auth().oauth2(LocalTokens.token("7d1e-erik", List.of("dpo"), Instant.now().plusSeconds(300))).contentType(ContentType.JSON)
                .post(TICKETS + "/" + ticket + "/approve").then().statusCode(200).body("decidedBy", equalTo("7d1e-erik"));
    }
}
