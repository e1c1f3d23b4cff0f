package com.erasureworker.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.Source;
import com.erasureworker.pipeline.TestTickets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ticket.at_risk and ticket.overdue are published once per ticket, however often the scan runs. */
@QuarkusTest
class DeadlineEventsTest {

    @Inject
    TestTickets tickets;

    @Inject
    TicketDeadlines deadlines;

    @Test
    void atRiskAndOverdueTicketsArePublishedOnceEach() {
        String subscription = given().auth().preemptive().basic("admin", "admin-demo-password")
                .contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/unused", "eventTypes", List.of("ticket.at_risk",
                        "ticket.overdue")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getString("id");
        UUID atRisk = ticketDueIn(Duration.ofDays(2));
        UUID overdue = ticketDueIn(Duration.ofDays(-1));
        UUID later = ticketDueIn(Duration.ofDays(20));

        deadlines.scan();
        deadlines.scan();

        List<String> types = given().auth().preemptive().basic("admin", "admin-demo-password")
                .get("/api/v1/webhooks/" + subscription + "/deliveries?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.eventType");
        assertThat(types).contains("ticket.at_risk", "ticket.overdue");
        assertThat(payloadsAbout(atRisk)).containsExactly("ticket.at_risk");
        assertThat(payloadsAbout(overdue)).containsExactly("ticket.overdue");
        assertThat(payloadsAbout(later)).isEmpty();
        given().auth().preemptive().basic("admin", "admin-demo-password").contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/unused", "eventTypes", List.of("ticket.overdue"),
                        "enabled", false))
                .put("/api/v1/webhooks/" + subscription).then().statusCode(200);
    }

    private UUID ticketDueIn(Duration due) {
        UUID ticket = tickets.create(Source.DPO, ClosePolicy.WAIT_THEN_FORCE,
                request -> List.of(ErasureTarget.conversation(request, 424242, 0, Instant.now())));
        setDue(ticket, Instant.now().plus(due));
        return ticket;
    }

    private static void setDue(UUID ticket, Instant due) {
        QuarkusTransaction.requiringNew().run(() -> ErasureRequest.<ErasureRequest>findById(ticket).dueAt = due);
    }

    @SuppressWarnings("unchecked")
    private static List<String> payloadsAbout(UUID ticket) {
        return QuarkusTransaction.requiringNew().call(() -> ErasureRequest.getEntityManager()
                .createNativeQuery("select type from webhook_event where payload like :ticket")
                .setParameter("ticket", "%" + ticket + "%").getResultList());
    }
}
