package com.erasureworker.dixaevents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.pipeline.TestTickets;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dixa's events in: the worker subscribes at the simulator, which posts ConversationClosed when an agent closes a
 * conversation; a WAIT_THEN_FORCE target waiting for it continues at once instead of at the 15-minute recheck.
 */
@QuarkusTest
class DixaEventsTest {

    private static final String EVENTS = "/api/v1/dixa-events";

    @Inject
    DixaSimulator simulator;

    @Inject
    TestTickets tickets;

    @Inject
    ManualPipeline pipeline;

    @Inject
    Clock clock;

    private UUID customer;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        customer = simulator.addEndUser(null, null);
    }

    @Test
    void aWaitThenForceTargetContinuesWithinSecondsOfTheAgentClosingItsConversation() {
        given().auth().preemptive().basic("admin", "admin-demo-password").contentType(ContentType.JSON)
                .post(EVENTS + "/subscription").then().statusCode(200)
                .body("action", org.hamcrest.Matchers.equalTo("created"));
        given().auth().preemptive().basic("admin", "admin-demo-password").contentType(ContentType.JSON)
                .post(EVENTS + "/subscription").then().statusCode(200)
                .body("action", org.hamcrest.Matchers.equalTo("updated"));
        List<Map<String, Object>> atDixa = given().header("Authorization", "test-simulator-token")
                .get("/simulator/v1/webhooks").then().statusCode(200).extract().jsonPath().getList("data");
        assertThat(atDixa).singleElement().satisfies(hook -> {
            assertThat(hook.get("url")).asString().endsWith("/api/v1/dixa-events");
            assertThat(hook.get("subscribedEvents").toString()).contains("ConversationClosed");
        });

        UUID ticket = waitingTicket();
        ErasureTarget waiting = tickets.targets(ticket).get(0);
        assertThat(waiting.nextAttemptAt).as("the recheck stays at WORKER_RECHECK_INTERVAL (15 min)")
                .isAfter(clock.instant().plus(Duration.ofMinutes(10)));

        simulator.setConversationState(waiting.conversationId, ConversationState.Closed);

        // The simulator posts the event on its own HTTP client thread, as Dixa would.
        await().atMost(Duration.ofSeconds(15)).until(() -> tickets.history(ticket).stream()
                .anyMatch(event -> event.type.equals("DIXA_EVENT_RECEIVED")));
        assertThat(pipeline.runUntilSettled(ticket)).as("continues at once, not at the 15-minute recheck")
                .isEqualTo(RequestState.COMPLETED);
        assertThat(simulator.conversation(waiting.conversationId).orElseThrow().anonymizedAt()).isNotNull();
    }

    @Test
    void anEventWithoutTheConfiguredCredentialsAnswers401AndChangesNothing() {
        UUID ticket = waitingTicket();
        ErasureTarget before = tickets.targets(ticket).get(0);
        Map<String, Object> event = Map.of("event_fqn", "CONVERSATION_CLOSED",
                "data", Map.of("conversation", Map.of("csid", before.conversationId)));

        given().contentType(ContentType.JSON).body(event).post(EVENTS).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().preemptive().basic("dixa-events", "wrong-password").contentType(ContentType.JSON).body(event)
                .post(EVENTS).then().statusCode(401);
        given().auth().preemptive().basic("admin", "admin-demo-password").contentType(ContentType.JSON).body(event)
                .post(EVENTS).then().statusCode(401);

        ErasureTarget after = tickets.targets(ticket).get(0);
        assertThat(after.state).isEqualTo(TargetState.WAITING_FOR_CLOSE);
        assertThat(after.nextAttemptAt).isEqualTo(before.nextAttemptAt);
        assertThat(tickets.history(ticket)).extracting(e -> e.type).doesNotContain("DIXA_EVENT_RECEIVED");

        // The same event with the configured credentials is what moves it.
        given().auth().preemptive().basic("dixa-events", "test-only-dixa-events-password").contentType(ContentType.JSON)
                .body(event).post(EVENTS).then().statusCode(204);
        assertThat(tickets.targets(ticket).get(0).nextAttemptAt).isBefore(before.nextAttemptAt);
    }

    /** A WAIT_THEN_FORCE ticket on an open conversation, once its target waits for the close (note posted). */
    private UUID waitingTicket() {
        long conversation = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
        UUID ticket = tickets.create(ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.conversation(request, conversation, 0, Instant.now())));
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(tickets.targets(ticket).get(0).state).isEqualTo(TargetState.WAITING_FOR_CLOSE);
        return ticket;
    }
}
