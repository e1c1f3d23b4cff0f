package com.erasureworker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Auditors read audit events as JSON pages or as CSV that parses back to exactly the same rows. */
@QuarkusTest
class AuditEventExportTest {

    @jakarta.inject.Inject
    com.erasureworker.privacy.KeyedHash fingerprint;

    private static final String EVENTS = "/api/v1/audit-events";
    /** A detail value with everything CSV must quote: commas, double quotes, CR/LF line breaks, a leading space. */
    private static final String TRICKY = " one, \"two\"\r\nthree\nfour;'five'";

    @Inject
    AuditTrail trail;

    @Inject
    ObjectMapper json;

    private String actor;
    private UUID requestId;

    @BeforeEach
    void writeEvents() {
        actor = "csv-tester-" + UUID.randomUUID();
        requestId = UUID.randomUUID();
        // One transaction each, so the three events have distinct times for the time filters.
        QuarkusTransaction.requiringNew().run(() -> trail.record(AuditType.TARGET_STATE_CHANGED, actor, requestId,
                UUID.randomUUID(), Map.of("note", TRICKY, "nested", Map.of("list", List.of(1, "a,b", "c\"d")))));
        QuarkusTransaction.requiringNew().run(() -> trail.record(AuditType.DIXA_CALL, actor, requestId, null,
                Map.of("method", "GET", "status", 200)));
        QuarkusTransaction.requiringNew().run(() -> trail.record(AuditType.VERIFIED, actor, null, null, Map.of()));
    }

    @Test
    void theCsvParsesBackToTheSameRowsAsTheJsonIncludingCommasQuotesAndNewlines() throws IOException {
        JsonPath page = as("auditor").queryParam("actor", actor).get(EVENTS).then().statusCode(200).extract().jsonPath();
        String csv = as("auditor").accept("text/csv").queryParam("actor", actor).get(EVENTS).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();

        List<CSVRecord> rows = AuditCsv.FORMAT.builder().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords();
        List<Map<String, Object>> items = page.getList("items");
        assertThat(page.getLong("total")).isEqualTo(3);
        assertThat(rows).hasSize(3);
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            Map<String, Object> item = items.get(i);
            assertThat(row.get("sequence")).isEqualTo(String.valueOf(item.get("sequence")));
            assertThat(Instant.parse(row.get("occurredAt"))).isEqualTo(Instant.parse((String) item.get("occurredAt")));
            assertThat(row.get("actor")).isEqualTo(actor);
            assertThat(row.get("requestId")).isEqualTo(item.get("requestId") == null ? "" : item.get("requestId"));
            assertThat(row.get("targetId")).isEqualTo(item.get("targetId") == null ? "" : item.get("targetId"));
            assertThat(row.get("type")).isEqualTo(item.get("type"));
            assertThat(json.readTree(row.get("detail"))).isEqualTo(json.valueToTree(item.get("detail")));
            assertThat(row.get("hash")).isEqualTo(item.get("hash")).hasSize(64);
        }
        JsonNode tricky = json.readTree(rows.get(0).get("detail"));
        assertThat(tricky.get("note").asText()).isEqualTo(TRICKY);
        assertThat(tricky.at("/nested/list/1").asText()).isEqualTo("a,b");
        assertThat(rows).extracting(r -> r.get("type")).containsExactly("TARGET_STATE_CHANGED", "DIXA_CALL", "VERIFIED");
    }

    @Test
    void everyExportIsAuditedWithItsFilterAndRowCountOnceTheStreamEnded() {
        as("admin").accept("text/csv").queryParam("actor", actor).queryParam("type", "DIXA_CALL").get(EVENTS)
                .then().statusCode(200);

        JsonPath exported = await().until(() -> as("auditor").queryParam("actor", "admin").queryParam("type", "EXPORTED")
                .queryParam("size", 500).get(EVENTS).then().statusCode(200).extract().jsonPath(),
                page -> page.getList("items.detail.filter.actorHash").contains(fingerprint.keyedHash(actor)));
        Map<String, Object> detail = exported.getMap("items.find { it.detail.filter.actorHash == '"
                + fingerprint.keyedHash(actor) + "' }.detail");
        assertThat(detail).containsEntry("rows", 1).containsEntry("format", "csv").containsEntry("complete", true)
                .containsEntry("scope", "audit-events");
        // Typed filter values enter the immutable chain only as keyed hashes.
        assertThat(detail.get("filter")).isEqualTo(Map.of("actorHash", fingerprint.keyedHash(actor), "type", "DIXA_CALL"));
    }

    @Test
    void filtersByTypeTimeAndTicketAndPagesInSequenceOrder() {
        JsonPath calls = as("auditor").queryParam("actor", actor).queryParam("type", "DIXA_CALL").get(EVENTS)
                .then().statusCode(200).extract().jsonPath();
        assertThat(calls.getList("items.type")).containsExactly("DIXA_CALL");

        JsonPath all = as("auditor").queryParam("actor", actor).get(EVENTS).then().extract().jsonPath();
        String second = all.getString("items[1].occurredAt");
        List<Long> sequences = all.getList("items.sequence", Long.class);
        assertThat(as("auditor").queryParam("actor", actor).queryParam("from", second).get(EVENTS).then().extract()
                .jsonPath().getList("items.sequence", Long.class)).containsExactly(sequences.get(1), sequences.get(2));
        assertThat(as("auditor").queryParam("actor", actor).queryParam("to", second).get(EVENTS).then().extract()
                .jsonPath().getList("items.sequence", Long.class)).containsExactly(sequences.get(0));

        JsonPath paged = as("auditor").queryParam("actor", actor).queryParam("size", 2).queryParam("page", 1).get(EVENTS)
                .then().statusCode(200).extract().jsonPath();
        assertThat(paged.getList("items.sequence", Long.class)).containsExactly(sequences.get(2));
        assertThat(paged.getInt("page")).isEqualTo(1);
        assertThat(paged.getInt("size")).isEqualTo(2);
        assertThat(paged.getLong("total")).isEqualTo(3);

        assertThat(as("auditor").queryParam("ticketRef", "no-such-ticket-" + UUID.randomUUID()).get(EVENTS).then()
                .statusCode(200).extract().jsonPath().getLong("total")).isZero();
        assertThat(as("auditor").get(EVENTS).then().statusCode(200).extract().jsonPath().getInt("size")).isEqualTo(100);
    }

    @Test
    void badParametersAnswer400NamingTheParameter() {
        for (Object[] bad : new Object[][] { { "from", "yesterday" }, { "to", "2026-13-01T00:00:00Z" },
            { "type", "NOT_A_TYPE" }, { "size", "0" }, { "size", "501" }, { "page", "-1" }, { "page", "x" } }) {
            as("auditor").queryParam((String) bad[0], bad[1]).get(EVENTS).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", org.hamcrest.Matchers.hasItem(bad[0]));
        }
        as("auditor").accept("text/csv").queryParam("type", "nope").get(EVENTS).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("type"));
        as("auditor").queryParam("from", "2026-01-02T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get(EVENTS)
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
    }

    @Test
    void onlyAuditorsAndAdminsMayQueryOrExport() {
        given().get(EVENTS).then().statusCode(401);
        given().accept("text/csv").get(EVENTS).then().statusCode(401);
        as("dpo").get(EVENTS).then().statusCode(403).contentType("application/problem+json");
        as("dpo").accept("text/csv").get(EVENTS).then().statusCode(403);
        as("auditor").queryParam("actor", actor).get(EVENTS).then().statusCode(200);
        as("admin").queryParam("actor", actor).accept("text/csv").get(EVENTS).then().statusCode(200);
        given().auth().preemptive().basic("auditor", "wrong").get(EVENTS).then().statusCode(401);
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
