package com.erasureworker.controls;

import static com.erasureworker.controls.Controls.as;
import static com.erasureworker.controls.Controls.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** APPROVAL_REQUIRED=force: a ticket that may force-close waits for a second person; the submitter never decides. */
@QuarkusTest
@TestProfile(ControlsProfile.class)
class FourEyesApprovalTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    ManualPipeline pipeline;

    private UUID customer;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
        customer = simulator.addEndUser("four.eyes@example.com", "+4520000414");
    }

    @Test
    void theSubmittersOwnApprovalIsForbiddenAndASecondDposApprovalStartsTheWork() {
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        String ticket = Controls.submit("dpo", Map.of("conversationIds", List.of(conversation)), "WAIT_THEN_FORCE");
        assertThat(Controls.ticket(ticket).getString("state")).isEqualTo("AWAITING_APPROVAL");

        as("dpo").post(Controls.TICKETS + "/" + ticket + "/approve").then().statusCode(403)
                .contentType("application/problem+json").body("errors[0].field", is("requestedBy"));
        as("auditor").post(Controls.TICKETS + "/" + ticket + "/approve").then().statusCode(403);
        pipeline.runDueSteps();
        assertThat(simulator.calls()).as("no step while awaiting approval").noneMatch(Controls::isAnonymize);
        assertThat(Controls.ticket(ticket).getString("state")).isEqualTo("AWAITING_APPROVAL");

        as("dpo2").post(Controls.TICKETS + "/" + ticket + "/approve").then().statusCode(200)
                .body("state", is("IN_PROGRESS")).body("decidedBy", is("dpo2")).body("requestedBy", is("dpo"));
        assertThat(pipeline.runUntilSettled(UUID.fromString(ticket))).isEqualTo(RequestState.COMPLETED);
        assertThat(simulator.conversation(conversation).orElseThrow().anonymizedAt()).isNotNull();
        as("dpo2").post(Controls.TICKETS + "/" + ticket + "/approve").then().statusCode(409);

        List<Map<String, Object>> history = Controls.history(ticket);
        assertThat(history).anySatisfy(event -> {
            assertThat(event.get("type")).isEqualTo("APPROVAL_REQUESTED");
            assertThat(event.get("actor")).isEqualTo("dpo");
        });
        assertThat(history).anySatisfy(event -> {
            assertThat(event.get("type")).isEqualTo("TICKET_APPROVED");
            assertThat(event.get("actor")).isEqualTo("dpo2");
            assertThat(event.get("detail")).isEqualTo(Map.of("submittedBy", "dpo", "approvedBy", "dpo2"));
        });
    }

    @Test
    void aRejectionNeedsAReasonAndEndsTheTicketWithoutAnyDixaCall() {
        long conversation = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
        String ticket = Controls.submit("dpo", Map.of("conversationIds", List.of(conversation)), "FORCE_NOW");
        as("admin").body(Map.of()).post(Controls.TICKETS + "/" + ticket + "/reject").then().statusCode(422)
                .body("errors[0].field", is("reason"));
        as("dpo").body(Map.of("reason", "mine")).post(Controls.TICKETS + "/" + ticket + "/reject").then()
                .statusCode(403);

        as("admin").body(Map.of("reason", "wrong customer")).post(Controls.TICKETS + "/" + ticket + "/reject").then()
                .statusCode(200).body("state", is("REJECTED")).body("decidedBy", is("admin"))
                .body("targets[0].state", is("CANCELLED"));

        assertThat(pipeline.runUntilSettled(UUID.fromString(ticket))).isEqualTo(RequestState.REJECTED);
        assertThat(simulator.calls()).noneMatch(c -> c.path().contains("/" + conversation));
        assertThat(simulator.conversation(conversation).orElseThrow().anonymizedAt()).isNull();
        assertThat(Controls.history(ticket)).anySatisfy(event -> {
            assertThat(event.get("type")).isEqualTo("TICKET_REJECTED");
            assertThat(event.get("actor")).isEqualTo("admin");
            assertThat(detail(event)).containsEntry("submittedBy", "dpo")
                    .containsEntry("rejectedBy", "admin").containsKey("reasonHash");
        });
    }

    @Test
    void aTicketThatNeverForceClosesIsNotHeldForApproval() {
        long conversation = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        String ticket = Controls.submit("dpo", Map.of("conversationIds", List.of(conversation)), "NEVER");
        assertThat(pipeline.runUntilSettled(UUID.fromString(ticket))).isEqualTo(RequestState.COMPLETED);
        as("dpo2").post(Controls.TICKETS + "/" + ticket + "/approve").then().statusCode(409);
    }
}
