package com.erasureworker.intake;

import static com.erasureworker.intake.Api.BASE;
import static com.erasureworker.intake.Api.asAuditor;
import static com.erasureworker.intake.Api.asDpo;
import static com.erasureworker.intake.Api.submit;
import static com.erasureworker.intake.Api.ticketRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deadlines: GDPR Art. 12(3) extensions (audited, at most receipt + 3 months) and the at-risk list. */
@QuarkusTest
class DeadlineTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    javax.sql.DataSource dataSource;

    @BeforeEach
    void freshDixa() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @Test
    void aDpoExtendsTheDeadlineWithAReasonAndTheExtensionIsAudited() {
        String id = newTicket(null);
        Instant later = Instant.now().plus(50, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        asDpo().contentType(ContentType.JSON).body(Map.of("dueAt", later.toString(),
                "reason", "complex request; the subject was told on 2026-11-20 (mail jane@example.com)"))
                .post(BASE + "/" + id + "/extend").then().statusCode(200).body("dueAt", equalTo(later.toString()));

        JsonPath history = asAuditor().get(BASE + "/" + id + "/history").then().extract().jsonPath();
        Map<String, Object> extension = history.getMap("find { it.type == 'DEADLINE_EXTENDED' }.detail");
        assertThat(extension).containsEntry("to", later.toString()).containsKey("from");
        // Free text stays out of the immutable chain: only its keyed hash is there; the reason is in an erasable row.
        assertThat(extension).doesNotContainKey("reason");
        assertThat(extension.get("reasonHash").toString()).matches("[0-9a-f]{64}");
        assertThat(history.prettify()).doesNotContain("complex request");
        assertThat(DatabaseRows.query(dataSource, "select reason from deadline_extension where request_id = ?::uuid", id))
                .singleElement().asString()
                .contains("complex request").doesNotContain("jane@example.com");
        assertThat(history.getString("find { it.type == 'DEADLINE_EXTENDED' }.actor")).isEqualTo("dpo");
    }

    @Test
    void anExtensionBeyondReceiptPlusThreeMonthsOrWithoutReasonIsRefusedAndChangesNothing() {
        String id = newTicket(null);
        String dueBefore = asDpo().get(BASE + "/" + id).then().extract().path("dueAt");
        Instant tooLate = Instant.now().atZone(ZoneOffset.UTC).plusMonths(3).plusDays(2).toInstant();

        asDpo().contentType(ContentType.JSON).body(Map.of("dueAt", tooLate.toString(), "reason", "busy"))
                .post(BASE + "/" + id + "/extend").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("dueAt"));
        asDpo().contentType(ContentType.JSON).body(Map.of("dueAt", Instant.now().plus(40, ChronoUnit.DAYS).toString()))
                .post(BASE + "/" + id + "/extend").then().statusCode(422).body("errors.field", hasItem("reason"));
        asDpo().contentType(ContentType.JSON).body(Map.of("dueAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                "reason", "shorter")).post(BASE + "/" + id + "/extend").then().statusCode(422);
        asAuditor().contentType(ContentType.JSON).body(Map.of("dueAt", Instant.now().plus(40, ChronoUnit.DAYS).toString(),
                "reason", "x")).post(BASE + "/" + id + "/extend").then().statusCode(403);

        asDpo().get(BASE + "/" + id).then().body("dueAt", equalTo(dueBefore));
    }

    @Test
    void ticketsDueWithinThreeDaysAreListedAsAtRisk() {
        String soon = newTicket(Instant.now().plus(2, ChronoUnit.DAYS));
        String later = newTicket(Instant.now().plus(20, ChronoUnit.DAYS));

        asAuditor().get(BASE + "?atRisk=true&size=200").then().statusCode(200)
                .body("items.id", hasItem(soon)).body("items.id", not(hasItem(later)));
        asAuditor().get(BASE + "?atRisk=maybe").then().statusCode(400).body("errors[0].field", equalTo("atRisk"));
    }

    private static String newTicket(Instant dueAt) {
        Map<String, Object> body = dueAt == null
                ? Map.of("ticketRef", ticketRef("DL"), "subject", Map.of("conversationIds", new long[] {424242}))
                : Map.of("ticketRef", ticketRef("DL"), "subject", Map.of("conversationIds", new long[] {424242}),
                        "dueAt", dueAt.toString());
        return submit(body).then().statusCode(202).extract().path("id");
    }
}
