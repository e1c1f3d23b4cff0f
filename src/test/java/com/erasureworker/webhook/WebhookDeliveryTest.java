package com.erasureworker.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.Source;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.pipeline.TestTickets;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outgoing webhooks end to end: a receiver in the test JVM, the pipeline against the simulator, real PostgreSQL. */
@QuarkusTest
class WebhookDeliveryTest {

    private static final String WEBHOOKS = "/api/v1/webhooks";

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    private Receiver receiver;
    private final List<String> subscriptions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator.reset();
        simulator.disableRateLimit();
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        // Later tests' tickets must not queue deliveries to this closed receiver.
        for (String id : subscriptions) {
            admin().body(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed"), "enabled", false))
                    .put(WEBHOOKS + "/" + id).then().statusCode(200);
        }
        receiver.close();
    }

    @Test
    void aCompletedTicketProducesExactlyOneTicketCompletedWhoseSignatureVerifies() {
        JsonPath subscription = subscribe(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed")));
        String secret = subscription.getString("secret");
        assertThat(secret).startsWith("whsec_");

        UUID ticket = closedConversationTicket(Source.DPO);
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        pipeline.deliverWebhooks();

        assertThat(deliveries(subscription.getString("id")).getList("items.state")).contains("DELIVERED");
        List<Receiver.Received> received = receiver.about(ticket.toString());
        assertThat(received).hasSize(1);
        Receiver.Received event = received.get(0);
        assertThat(event.signature()).isEqualTo(standardWebhooksSignature(secret, event.id(), event.timestamp(),
                event.body()));
        JsonPath body = JsonPath.from(event.body());
        assertThat(body.getString("type")).isEqualTo("ticket.completed");
        assertThat(body.getString("id")).isEqualTo(event.id());
        assertThat(body.getString("data.ticketId")).isEqualTo(ticket.toString());
        assertThat(body.getString("data.state")).isEqualTo("COMPLETED");
        assertThat(body.getString("data.certificateUrl")).endsWith("/api/v1/erasure-requests/" + ticket + "/certificate");
        assertThat(receiver.received()).noneMatch(request -> request.body().contains(ticket.toString())
                && request != event);
    }

    @Test
    void aReceiverAnsweringFiveTimes500ThenOkGetsTheSameEventAgainAfterBackoff() {
        String id = subscribe(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed")))
                .getString("id");
        receiver.answer(500, 5);

        admin().post(WEBHOOKS + "/" + id + "/test").then().statusCode(202);
        pipeline.deliverWebhooks();
        assertThat(receiver.received()).hasSize(1);
        pipeline.deliverWebhooks();
        assertThat(receiver.received()).as("not again before its backoff").hasSize(1);
        for (int retry = 0; retry < 5; retry++) {
            pipeline.advance(Duration.ofSeconds(1));
            pipeline.deliverWebhooks();
        }

        assertThat(deliveries(id).getList("items.state")).contains("DELIVERED");
        List<Receiver.Received> received = receiver.received();
        assertThat(received).hasSize(6);
        assertThat(received.stream().map(Receiver.Received::id).distinct())
                .as("receiver-side dedupe by webhook-id sees one event").hasSize(1);
        assertThat(received.stream().map(Receiver.Received::body).distinct()).hasSize(1);
        JsonPath log = deliveries(id);
        assertThat(log.getInt("items[0].attempts")).isEqualTo(6);
        assertThat(log.getInt("items[0].lastStatus")).isEqualTo(200);
        assertThat(log.getLong("items[0].lastResponseSize")).isEqualTo("{\"received\":true}".length());
        assertThat(log.getString("items[0].eventType")).isEqualTo("webhook.test");

        // An admin's replay sends the same event (same webhook-id) once more.
        admin().post(WEBHOOKS + "/" + id + "/deliveries/" + log.getString("items[0].id") + "/replay")
                .then().statusCode(202);
        pipeline.deliverWebhooks();
        assertThat(receiver.received()).hasSize(7);
        assertThat(receiver.received().get(6).id()).isEqualTo(received.get(0).id());
    }

    @Test
    void anEventCommittedWhileDeliveryIsStoppedIsDeliveredWhenItRunsAgain() {
        String id = subscribe(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed")))
                .getString("id");
        // The delivery job does not run (as on a replica killed right after the commit).
        UUID ticket = closedConversationTicket(Source.DPO);
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        JsonPath pending = deliveries(id);
        assertThat(pending.getList("items.state")).containsExactly("PENDING");
        assertThat(pending.getInt("items[0].attempts")).isZero();
        assertThat(receiver.received()).isEmpty();

        pipeline.deliverWebhooks();

        assertThat(receiver.about(ticket.toString())).hasSize(1);
        assertThat(deliveries(id).getList("items.state")).containsExactly("DELIVERED");
    }

    @Test
    void aSubscriptionFilteredToSweepsGetsNoDpoEvents() {
        String sweeps = subscribe(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed"),
                "source", "SWEEP")).getString("id");
        String all = subscribe(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed")))
                .getString("id");

        UUID dpo = closedConversationTicket(Source.DPO);
        UUID sweep = closedConversationTicket(Source.SWEEP);
        assertThat(pipeline.runUntilSettled(dpo)).isEqualTo(RequestState.COMPLETED);
        assertThat(pipeline.runUntilSettled(sweep)).isEqualTo(RequestState.COMPLETED);
        pipeline.deliverWebhooks();

        assertThat(receiver.about(dpo.toString())).hasSize(1);
        assertThat(receiver.about(sweep.toString())).hasSize(2);
        assertThat(deliveries(sweeps).getList("items.eventType")).containsExactly("ticket.completed");
        assertThat(deliveries(all).getList("items.eventType")).hasSize(2);
    }

    @Test
    void noPayloadCarriesAnEmailPhoneNameOrMessageText() {
        subscribe(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed", "ticket.failed",
                "target.waiting_for_close")));
        UUID customer = simulator.addEndUser("private.person@example.com", "+4520999999");
        long open = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
        simulator.addMessage(open, customer, "my secret message text");

        String ref = "WEBHOOK-PII-" + UUID.randomUUID();
        String ticket = given().auth().preemptive().basic("dpo", "dpo-demo-password").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", ref, "subject", Map.of("email", "private.person@example.com"),
                        "closePolicy", "FORCE_NOW"))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().path("id");
        assertThat(pipeline.runUntilSettled(UUID.fromString(ticket))).isEqualTo(RequestState.COMPLETED);
        pipeline.deliverWebhooks();

        assertThat(receiver.received()).anyMatch(request -> request.body().contains("ticket.completed")
                && request.body().contains(ref));
        assertThat(receiver.received()).allSatisfy(request -> assertThat(request.body())
                .doesNotContain("private.person", "example.com", "+4520999999", "4520999999", "Customer ",
                        "my secret message text"));
    }

    @Test
    void pauseResumeAndALegalHoldAreToldToSubscribersWithoutTheirReasons() {
        subscribe(Map.of("url", receiver.url(), "eventTypes",
                List.of("processing.paused", "processing.resumed", "legal_hold.placed", "legal_hold.released")));
        String reason = "suspected breach at the help desk";

        admin().body(Map.of("reason", reason)).post("/api/v1/processing/pause").then().statusCode(200);
        admin().body(Map.of("reason", "all clear")).post("/api/v1/processing/resume").then().statusCode(200);
        UUID endUser = UUID.randomUUID();
        String hold = admin().body(Map.of("subject", Map.of("endUserId", endUser.toString()),
                "reason", "litigation " + reason)).post("/api/v1/legal-holds").then().statusCode(201)
                .extract().path("id");
        admin().body(Map.of("reason", "settled")).post("/api/v1/legal-holds/" + hold + "/release").then().statusCode(200);

        pipeline.deliverWebhooks();
        List<String> types = receiver.received().stream().map(event -> JsonPath.from(event.body()).getString("type"))
                .toList();
        assertThat(types).containsExactlyInAnyOrder("processing.paused", "processing.resumed", "legal_hold.placed",
                "legal_hold.released");
        assertThat(receiver.received()).filteredOn(event -> event.body().contains("legal_hold."))
                .allSatisfy(event -> assertThat(JsonPath.from(event.body()).getString("data.holdId")).isEqualTo(hold));
        assertThat(receiver.received()).allSatisfy(event -> assertThat(event.body())
                .doesNotContain("breach", "litigation", "settled", "all clear", endUser.toString()));
    }

    private UUID closedConversationTicket(Source source) {
        UUID customer = simulator.addEndUser(null, null);
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        return tickets.create(source, ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.conversation(request, conversation, 0, Instant.now())));
    }

    private JsonPath subscribe(Map<String, Object> body) {
        JsonPath created = admin().body(body).post(WEBHOOKS).then().statusCode(201).extract().jsonPath();
        subscriptions.add(created.getString("id"));
        return created;
    }

    private static JsonPath deliveries(String subscription) {
        return admin().get(WEBHOOKS + "/" + subscription + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-demo-password").contentType(ContentType.JSON);
    }

    /** The Standard Webhooks algorithm, written from its specification (not with the worker's code). */
    static String standardWebhooksSignature(String secret, String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
