package com.erasureworker.evidence;

import static io.restassured.RestAssured.given;

import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may fetch a certificate or a ticket's CSV history (401 without valid credentials; dpo, auditor and admin all may)
 * and which tickets have no certificate (404 unknown, 409 not COMPLETED, 400 not a UUID).
 */
@QuarkusTest
class CertificateAccessTest {

    private static final String TICKETS = "/api/v1/erasure-requests";

    @Inject
    DixaSimulator simulator;

    @BeforeEach
    void start() {
        simulator.reset();
    }

    @Test
    void aTicketThatIsNotCompletedHasNoCertificateAndUnknownTicketsAre404() {
        UUID user = simulator.addEndUser(null, null);
        long open = simulator.addConversation(user, ConversationState.Open, "Email", Instant.now());
        String id = as("dpo").contentType(ContentType.JSON).body(Map.of("ticketRef", "CERT-open-" + UUID.randomUUID(),
                "subject", Map.of("conversationIds", List.of(open)), "closePolicy", "NEVER")).post(TICKETS)
                .then().statusCode(202).extract().path("id");

        as("auditor").get(TICKETS + "/" + id + "/certificate").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("state"));
        as("auditor").accept("application/pdf").get(TICKETS + "/" + id + "/certificate").then().statusCode(409);
        as("dpo").post(TICKETS + "/" + id + "/cancel").then().statusCode(200);
        as("auditor").get(TICKETS + "/" + id + "/certificate").then().statusCode(409);
        as("auditor").get(TICKETS + "/" + UUID.randomUUID() + "/certificate").then().statusCode(404)
                .contentType("application/problem+json");
        as("auditor").get(TICKETS + "/not-a-uuid/certificate").then().statusCode(400);
    }

    @Test
    void certificatesAndHistoryExportsNeedCredentialsAndOneOfTheThreeRoles() {
        String path = TICKETS + "/" + UUID.randomUUID();
        given().get(path + "/certificate").then().statusCode(401).contentType("application/problem+json");
        given().accept("application/pdf").get(path + "/certificate").then().statusCode(401);
        given().accept("text/csv").get(path + "/history").then().statusCode(401);
        given().auth().preemptive().basic("dpo", "nope").get(path + "/certificate").then().statusCode(401);
        for (String user : List.of("dpo", "auditor", "admin")) {
            as(user).get(path + "/certificate").then().statusCode(404);
            as(user).accept("text/csv").get(path + "/history").then().statusCode(404);
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password").contentType(ContentType.JSON);
    }
}
