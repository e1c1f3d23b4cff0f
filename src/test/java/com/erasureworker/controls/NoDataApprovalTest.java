package com.erasureworker.controls;

import static com.erasureworker.controls.Controls.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With approval required, a ticket that finds nothing to erase asks nobody for approval: four eyes guard what is sent
 * to Dixa, and nothing is. It completes at once as NO_DATA_FOUND (issue 19: it used to record an approval request and
 * then complete without one). A ticket with something to erase still waits.
 */
@QuarkusTest
@TestProfile(ControlsProfile.class)
class NoDataApprovalTest {

    @Inject
    DixaSimulator simulator;

    @BeforeEach
    void start() {
        simulator.reset();
    }

    @Test
    void aTicketWithNothingToEraseCompletesAtOnceWithoutAnApprovalRequest() {
        String ticket = Controls.submit("dpo", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.org"),
                "WAIT_THEN_FORCE");

        assertThat(Controls.ticket(ticket).getString("state")).isEqualTo("COMPLETED");
        assertThat(Controls.ticket(ticket).getString("outcome")).isEqualTo("NO_DATA_FOUND");
        assertThat(Controls.history(ticket)).extracting(event -> event.get("type"))
                .containsExactly("TICKET_RECEIVED", "DIXA_CALL", "TICKET_RESOLVED", "TICKET_COMPLETED");
        as("dpo2").post(Controls.TICKETS + "/" + ticket + "/approve").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aTicketWithSomethingToEraseStillWaitsForASecondPerson() {
        String email = "someone-" + UUID.randomUUID() + "@example.org";
        simulator.addEndUser(email, null);

        String ticket = Controls.submit("dpo", Map.of("email", email), "WAIT_THEN_FORCE");

        assertThat(Controls.ticket(ticket).getString("state")).isEqualTo("AWAITING_APPROVAL");
        List<Map<String, Object>> history = Controls.history(ticket);
        assertThat(history).extracting(event -> event.get("type")).contains("APPROVAL_REQUESTED")
                .doesNotContain("TICKET_COMPLETED");
        // Leaves nothing waiting for later tests.
        as("dpo").post(Controls.TICKETS + "/" + ticket + "/cancel").then().statusCode(200);
        assertThat(Controls.ticket(ticket).getString("state")).isEqualTo("CANCELLED");
    }
}
