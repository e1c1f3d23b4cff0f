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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ticket run end to end against the simulator gets its Dixa-side evidence captured, then a certificate of erasure
 * (JSON and PDF) that matches the ticket and its audit chain, with no personal data anywhere.
 */
@QuarkusTest
class CertificateOfErasureTest {

    private static final String TICKETS = "/api/v1/erasure-requests";
    private static final String EMAIL = "certify.me.please@example.com";
    private static final String PHONE = "+4531415926";
    private static final String MESSAGE = "my account number is 8675309, please delete";

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
    void aCompletedTicketGetsEvidenceAndACertificateThatMatchesItsTargetsAndItsAuditChain() throws Exception {
        UUID user = simulator.addEndUser(EMAIL, PHONE);
        long open = simulator.addConversation(user, ConversationState.Open, "Email", Instant.now());
        long closed = simulator.addConversation(user, ConversationState.Closed, "Email", Instant.now());
        simulator.addMessage(closed, user, MESSAGE);
        String ticketRef = "CERT-" + UUID.randomUUID();

        String id = as("dpo").contentType(ContentType.JSON).body(Map.of("ticketRef", ticketRef,
                "subject", Map.of("email", EMAIL), "closePolicy", "FORCE_NOW")).post(TICKETS)
                .then().statusCode(202).extract().path("id");
        assertThat(pipeline.runUntilSettled(UUID.fromString(id))).isEqualTo(RequestState.COMPLETED);
        JsonPath ticket = as("auditor").get(TICKETS + "/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(pipeline.captureEvidence()).as("evidence captured for the ticket in one run").isEqualTo(1);
        JsonPath history = as("auditor").get(TICKETS + "/" + id + "/history").then().statusCode(200).extract()
                .jsonPath();
        assertThat(history.getList("type")).contains("EVIDENCE_CAPTURED");
        assertThat(simulator.calls()).extracting(call -> call.method() + " " + call.path())
                .contains("GET /v1/conversations/" + open + "/activitylog", "GET /v1/conversations/" + closed + "/activitylog");
        Map<String, Object> lastEvent = history.getMap("[-1]");

        JsonPath certificate = as("auditor").get(TICKETS + "/" + id + "/certificate").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();

        assertThat(certificate.getString("ticketRef")).isEqualTo(ticketRef);
        assertThat(certificate.getString("ticketId")).isEqualTo(id);
        assertThat(certificate.getString("requestedBy")).isEqualTo("dpo");
        assertThat(certificate.getString("completedAt")).isEqualTo(ticket.getString("completedAt"));
        assertThat(certificate.getBoolean("deadlineKept")).isTrue();
        assertThat(certificate.getString("subject.type")).isEqualTo("EMAIL");
        assertThat(certificate.getString("subject.hash")).isEqualTo(ticket.getString("subject.hash")).isNotBlank();
        assertThat(certificate.getList("erased")).hasSize(1);
        assertThat(certificate.getString("erased[0].type")).isEqualTo("USER");
        assertThat(certificate.getString("erased[0].dixaId")).isEqualTo(user.toString());
        assertThat(certificate.getString("erased[0].dixaRequestId")).isEqualTo(ticket.getString("targets[0].dixaRequestId"))
                .isNotNull();
        assertThat(certificate.getString("erased[0].initiatedAt")).isEqualTo(ticket.getString("targets[0].initiatedAt"));
        // Dixa's confirmation: the target's processedAt, or (when the 202 already came back processed) the observation's.
        assertThat(certificate.getString("erased[0].processedAt")).isEqualTo(ticket.getString("targets[0].processedAt") != null
                ? ticket.getString("targets[0].processedAt") : observedProcessedAt(ticket.getString("targets[0].dixaRequestId")))
                .isNotNull();
        assertThat(certificate.getString("erased[0].verification")).isEqualTo(ticket.getString("targets[0].verification"));
        assertThat(certificate.getList("erased[0].coveredConversationIds", Long.class)).containsExactlyInAnyOrder(open, closed);
        assertThat(certificate.getList("policyDecisions.type")).contains("CONVERSATION_OPEN", "NOTE_POSTED",
                "CONVERSATION_FORCE_CLOSED");
        assertThat(certificate.getString("policyDecisions.find { it.type == 'CONVERSATION_FORCE_CLOSED' }.detail.agentId"))
                .isEqualTo(simulator.configuredAgentId().toString());
        assertThat(certificate.getList("evidence.conversations.conversationId", Long.class))
                .containsExactlyInAnyOrder(open, closed);
        assertThat(certificate.getList("evidence.conversations.outcome")).containsOnly("CAPTURED");
        assertThat(certificate.getList("evidence.conversations.find { it.conversationId == " + open + " }.activity.type"))
                .contains("NoteAdded", "ConversationClosed");
        assertThat(certificate.getLong("lastTicketEvent.sequence")).isEqualTo(((Number) lastEvent.get("sequence")).longValue());
        assertThat(certificate.getString("lastTicketEvent.type")).isEqualTo("EVIDENCE_CAPTURED");
        assertThat(certificate.getString("lastTicketEvent.hash")).isEqualTo(auditHash(certificate.getLong("lastTicketEvent.sequence")));
        assertThat(certificate.getLong("chainHeadAtIssuance.sequence")).isGreaterThanOrEqualTo(certificate.getLong("lastTicketEvent.sequence"));
        assertThat(certificate.getString("chainHeadAtIssuance.hash")).isEqualTo(auditHash(certificate.getLong("chainHeadAtIssuance.sequence")));

        JsonPath after = as("auditor").get(TICKETS + "/" + id + "/history").then().extract().jsonPath();
        assertThat(after.getString("[-1].type")).isEqualTo("CERTIFICATE_ISSUED");
        assertThat(after.getLong("[-1].sequence")).isEqualTo(certificate.getLong("chainHeadAtIssuance.sequence") + 1);
        assertThat(after.getString("[-1].actor")).isEqualTo("auditor");

        byte[] pdf = as("dpo").accept("application/pdf").get(TICKETS + "/" + id + "/certificate").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String pdfText;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            pdfText = new PDFTextStripper().getText(document);
        }
        assertThat(pdfText).contains(ticketRef, id, user.toString(), ticket.getString("targets[0].dixaRequestId"),
                "CONVERSATION_FORCE_CLOSED", "Deadline kept: yes");

        String csv = as("auditor").accept("text/csv").get(TICKETS + "/" + id + "/history").then().statusCode(200)
                .extract().asString();
        assertThat(csv).contains("EVIDENCE_CAPTURED", "CERTIFICATE_ISSUED");
        for (String output : List.of(certificate.prettify(), pdfText, csv, evidenceRows(id))) {
            assertThat(output).doesNotContainIgnoringCase("certify.me").doesNotContain(PHONE.substring(1))
                    .doesNotContain("8675309").doesNotContain("please delete");
        }
    }

    private String observedProcessedAt(String dixaRequestId) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select max(processed_at) from anonymization_observation "
                        + "where dixa_request_id = '" + UUID.fromString(dixaRequestId) + "'")) {
            row.next();
            java.time.OffsetDateTime at = row.getObject(1, java.time.OffsetDateTime.class);
            return at == null ? null : at.toInstant().toString();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String auditHash(long sequence) {
        return query("select hash from audit_event where sequence = " + sequence);
    }

    /** Every evidence row of the ticket, as text: what the scan for personal data reads. */
    private String evidenceRows(String id) {
        return query("select string_agg(t::text, ' ') from (select c::text as t from evidence_capture c where request_id = '"
                + id + "' union all select v::text from evidence_conversation v where request_id = '" + id
                + "' union all select a::text from evidence_activity a where request_id = '" + id + "') rows");
    }

    private String query(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
