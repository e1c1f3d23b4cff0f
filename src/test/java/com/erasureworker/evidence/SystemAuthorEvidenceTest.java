package com.erasureworker.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dixa types an activity-log author's id as a plain string: a log whose system entries carry a non-uuid author is
 * captured whole (not retried for ever as unreadable), and the certificate follows.
 */
@QuarkusTest
class SystemAuthorEvidenceTest {

    private static final String TICKETS = "/api/v1/erasure-requests";

    @Inject
    DixaSimulator simulator;

    @Inject
    ManualPipeline pipeline;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @Test
    void aLogWithNonUuidAuthorsIsCapturedAndCertified() throws Exception {
        UUID customer = simulator.addEndUser(null, null);
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        simulator.addMessage(conversation, customer, "synthetic text");
        simulator.modes().systemActivityAuthors(true);

        String id = as("dpo").contentType(ContentType.JSON).body(Map.of("ticketRef", "SYSTEM-AUTHOR-" + UUID.randomUUID(),
                "subject", Map.of("conversationIds", List.of(conversation)))).post(TICKETS)
                .then().statusCode(202).extract().path("id");
        assertThat(pipeline.runUntilSettled(UUID.fromString(id))).isEqualTo(RequestState.COMPLETED);
        assertThat(pipeline.captureEvidence()).isEqualTo(1);
        assertThat(as("auditor").get(TICKETS + "/" + id + "/history").then().extract().jsonPath().getList("type"))
                .contains("EVIDENCE_CAPTURED");

        assertThat(authorsOf(UUID.fromString(id))).contains("dixa-system", simulator.configuredAgentId().toString());
        JsonPath certificate = as("auditor").get(TICKETS + "/" + id + "/certificate").then().statusCode(200)
                .extract().jsonPath();
        assertThat(certificate.getList("evidence.conversations.outcome")).containsOnly("CAPTURED");
        assertThat(certificate.getList("evidence.conversations[0].activity.type")).contains("ConversationMessageRedacted");
    }

    private List<String> authorsOf(UUID ticketId) throws Exception {
        List<String> authors = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select author_id from evidence_activity where request_id = ? and author_id is not null")) {
            query.setObject(1, ticketId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    authors.add(rows.getString(1));
                }
            }
        }
        return authors;
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
