package com.erasureworker.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ticket whose subject Dixa does not know ends at intake as COMPLETED / NO_DATA_FOUND, and tells its subscribers so
 * like any completed ticket: one ticket.completed webhook (issue 19: it used to publish none).
 */
@QuarkusTest
class NoDataTicketWebhookTest {

    private static final String WEBHOOKS = "/api/v1/webhooks";

    @Inject
    DixaSimulator simulator;

    @Inject
    ManualPipeline pipeline;

    private Receiver receiver;
    private String subscription;

    @BeforeEach
    void start() throws Exception {
        simulator.reset();
        receiver = new Receiver();
        subscription = as("admin").body(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed")))
                .post(WEBHOOKS).then().statusCode(201).extract().path("id");
    }

    @AfterEach
    void stop() {
        // Later tests' tickets must not queue deliveries to this closed receiver.
        as("admin").body(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed"), "enabled", false))
                .put(WEBHOOKS + "/" + subscription).then().statusCode(200);
        receiver.close();
    }

    @Test
    void aTicketThatFindsNoDataSendsOneTicketCompletedWithItsOutcome() {
        String ticket = as("dpo").body(Map.of("ticketRef", "NODATA-" + UUID.randomUUID(),
                "subject", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.org")))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().path("id");

        pipeline.runUntilSettled(UUID.fromString(ticket));
        pipeline.deliverWebhooks();
        pipeline.deliverWebhooks(); // a second run sends nothing more
        List<Receiver.Received> received = receiver.about(ticket);
        assertThat(received).hasSize(1);
        JsonPath event = JsonPath.from(received.get(0).body());
        assertThat(event.getString("type")).isEqualTo("ticket.completed");
        assertThat(event.getString("data.state")).isEqualTo("COMPLETED");
        assertThat(event.getString("data.outcome")).isEqualTo("NO_DATA_FOUND");
        assertThat(event.getInt("data.targets")).isZero();
        assertThat(event.getString("data.completedAt")).isNotNull();
        assertThat(received.get(0).body()).doesNotContain("example.org");
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password").contentType(ContentType.JSON);
    }
}
