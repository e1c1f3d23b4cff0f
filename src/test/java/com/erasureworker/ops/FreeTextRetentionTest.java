package com.erasureworker.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Free text and delivered webhook bodies older than the retention period (90 days) are deleted; newer ones stay. */
@QuarkusTest
class FreeTextRetentionTest {

    @Inject
    FreeTextRetention retention;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void reasonsOfFinishedTicketsAndOldWebhookBodiesAreDeletedAfterNinetyDays() throws Exception {
        String old = submit("RET-OLD-" + UUID.randomUUID());
        String recent = submit("RET-NEW-" + UUID.randomUUID());
        UUID oldEvent = UUID.randomUUID();
        UUID newEvent = UUID.randomUUID();
        sql("update erasure_request set completed_at = now() - interval '91 days' where id = '" + old + "'",
                "update erasure_request set completed_at = now() - interval '89 days' where id = '" + recent + "'",
                "insert into webhook_event (id, type, payload, created_at) values ('" + oldEvent
                        + "', 'webhook.test', '{\"old\":true}', now() - interval '91 days')",
                "insert into webhook_event (id, type, payload, created_at) values ('" + newEvent
                        + "', 'webhook.test', '{\"new\":true}', now() - interval '1 day')");

        Map<String, Integer> purged = retention.purge();

        assertThat(purged.get("ticketReasons")).isGreaterThanOrEqualTo(1);
        assertThat(text("select reason from erasure_request where id = '" + old + "'")).isNull();
        assertThat(text("select reason from erasure_request where id = '" + recent + "'"))
                .isEqualTo("asked by phone");
        assertThat(text("select payload from webhook_event where id = '" + oldEvent + "'")).isEmpty();
        assertThat(text("select payload from webhook_event where id = '" + newEvent + "'")).isEqualTo("{\"new\":true}");
        assertThat(retention.purge().get("ticketReasons")).as("twice is harmless").isZero();
    }

    private static String submit(String ref) {
        return given().auth().preemptive().basic("dpo", "dpo-demo-password").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", ref, "subject", Map.of("conversationIds", List.of(7)),
                        "reason", "asked by phone"))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().jsonPath().getString("id");
    }

    private void sql(String... statements) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    private String text(String query) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }
}
