package com.erasureworker.intake;

import static com.erasureworker.intake.Api.BASE;
import static com.erasureworker.intake.Api.asAuditor;
import static com.erasureworker.intake.Api.submit;
import static com.erasureworker.intake.Api.ticketRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.SimCall;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A DPO ticket from the public API to Dixa's confirmation and back: what the DPO and the auditor see (ticket, targets,
 * history) and what Dixa received (the simulator's call log), for every kind of subject.
 */
@QuarkusTest
class ErasureEndToEndTest {

    private static final String EMAIL = "forget.me.e2e@example.com";
    private static final String PHONE = "+4527182818";

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
    void anEndUserIsErasedWithEveryConversationItCovers() {
        UUID user = simulator.addEndUser("someone@example.com", null);
        long first = simulator.addConversation(user, ConversationState.Closed, "Email", Instant.now());
        long second = simulator.addConversation(user, ConversationState.Closed, "Sms", Instant.now());

        JsonPath ticket = completed(Map.of("ticketRef", ticketRef("E2E-user"), "subject", Map.of("endUserId", user)));

        assertThat(ticket.getString("targets[0].type")).isEqualTo("USER");
        assertThat(ticket.getString("targets[0].dixaId")).isEqualTo(user.toString());
        assertThat(ticket.getString("targets[0].dixaRequestId")).isNotNull();
        assertThat(ticket.getString("targets[0].processedAt")).isNotNull();
        assertThat(ticket.getList("targets[0].coveredConversationIds", Long.class)).containsExactlyInAnyOrder(first, second);
        assertThat(simulator.endUser(user).orElseThrow().anonymizedAt()).isNotNull();
    }

    @Test
    void anEmailSubjectIsErasedAndLeavesNoTraceOfTheAddressAnywhereInTheDatabase() {
        UUID user = simulator.addEndUser(EMAIL, PHONE);
        simulator.addConversation(user, ConversationState.Open, "Email", Instant.now());

        JsonPath byEmail = completed(Map.of("ticketRef", ticketRef("E2E-mail"), "subject", Map.of("email", EMAIL),
                "closePolicy", "FORCE_NOW"));
        completed(Map.of("ticketRef", ticketRef("E2E-phone"), "subject", Map.of("phone", PHONE)));

        assertThat(byEmail.getString("targets[0].dixaId")).isEqualTo(user.toString());
        assertThat(byEmail.prettify()).doesNotContain(EMAIL);
        assertThat(DatabaseRows.textColumnsContaining(dataSource, "forget.me.e2e", PHONE.substring(1))).isEmpty();
    }

    @Test
    void conversationsAndMessagesAreErasedAndTheHistoryShowsEveryDixaCallWithoutPersonalData() {
        UUID user = simulator.addEndUser(null, null);
        long conversation = simulator.addConversation(user, ConversationState.Closed, "Email", Instant.now());
        long other = simulator.addConversation(user, ConversationState.Closed, "Email", Instant.now());
        UUID message = simulator.addMessage(other, user, "call me on +45 11 22 33 44");

        // Dixa's queue holds the requests until the steps have run, so its 202 never already carries processedAt and
        // the status read is always made.
        String conversationsId = acceptedWhileDixaWaits(Map.of("ticketRef", ticketRef("E2E-conv"),
                "subject", Map.of("conversationIds", List.of(conversation))));
        String messagesId = acceptedWhileDixaWaits(Map.of("ticketRef", ticketRef("E2E-msg"),
                "subject", Map.of("messages", List.of(Map.of("conversationId", other, "messageId", message)))));
        JsonPath conversations = settled(conversationsId);
        JsonPath messages = settled(messagesId);

        assertThat(conversations.getString("targets[0].state")).isEqualTo("DONE");
        assertThat(messages.getString("targets[0].dixaId")).isEqualTo(other + "_" + message);
        JsonPath history = asAuditor().get(BASE + "/" + conversations.getString("id") + "/history").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> calls = history.getList("findAll { it.type == 'DIXA_CALL' }.detail");
        assertThat(calls).extracting(call -> call.get("method") + " " + call.get("path"))
                .contains("PATCH /conversations/{conversationId}/anonymize",
                        "GET /anonymization/request/{requestId}", "GET /conversations/{conversationId}");
        assertThat(calls).allSatisfy(call -> assertThat(call).containsKeys("status", "durationMs"));
        assertThat(history.getList("type", String.class)).startsWith("TICKET_RECEIVED").endsWith("TICKET_COMPLETED");
        assertThat(history.prettify()).doesNotContain("11 22 33 44");
    }

    @Test
    void forceNowNotesClosesWithTheAgentAndAnonymizesWithoutForceAndTheAuditorSeesWhoClosedIt() {
        UUID user = simulator.addEndUser(null, null);
        long open = simulator.addConversation(user, ConversationState.Open, "WidgetChat", Instant.now());

        JsonPath ticket = completed(Map.of("ticketRef", ticketRef("E2E-force"),
                "subject", Map.of("conversationIds", List.of(open)), "closePolicy", "FORCE_NOW"));

        List<String> dixaSaw = simulator.calls().stream().filter(call -> call.path().contains("/" + open + "/"))
                .map(call -> call.method() + " " + call.path().substring(call.path().lastIndexOf('/')) + " " + call.query())
                .toList();
        assertThat(dixaSaw).containsSubsequence("POST /notes null", "PUT /close null", "PATCH /anonymize force=false");
        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith("/close")).extracting(SimCall::body)
                .singleElement().asString().contains(simulator.configuredAgentId().toString());
        JsonPath history = asAuditor().get(BASE + "/" + ticket.getString("id") + "/history").then().extract().jsonPath();
        assertThat(history.getString("find { it.type == 'CONVERSATION_FORCE_CLOSED' }.detail.agentId"))
                .isEqualTo(simulator.configuredAgentId().toString());
    }

    private JsonPath completed(Map<String, Object> body) {
        return settled(submit(body).then().statusCode(202).extract().path("id"));
    }

    /** Submits the ticket and runs its steps while Dixa's queue is paused: Dixa has accepted, not yet processed. */
    private String acceptedWhileDixaWaits(Map<String, Object> body) {
        simulator.pauseAnonymizationQueue(true);
        try {
            String id = submit(body).then().statusCode(202).extract().path("id");
            pipeline.runDueSteps();
            return id;
        } finally {
            simulator.pauseAnonymizationQueue(false);
        }
    }

    private JsonPath settled(String id) {
        assertThat(pipeline.runUntilSettled(UUID.fromString(id))).isEqualTo(RequestState.COMPLETED);
        return asAuditor().get(BASE + "/" + id).then().statusCode(200).extract().jsonPath();
    }
}
