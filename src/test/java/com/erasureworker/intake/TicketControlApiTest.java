package com.erasureworker.intake;

import static com.erasureworker.intake.Api.BASE;
import static com.erasureworker.intake.Api.asDpo;
import static com.erasureworker.intake.Api.submit;
import static com.erasureworker.intake.Api.ticketRef;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DPO's hands on a submitted ticket: retry only what failed, cancel before Dixa was asked. */
@QuarkusTest
class TicketControlApiTest {

    @Inject
    DixaSimulator simulator;

    @BeforeEach
    void freshDixa() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @Test
    void retryingATicketThatHasNotFailedIsAConflict() {
        String id = submit(Api.conversations(ticketRef("DPO-retry"), 2)).then().statusCode(202).extract().path("id");

        asDpo().post(BASE + "/" + id + "/retry").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("state"))
                .body("errors[0].reason", notNullValue());
    }

    @Test
    void cancellingAFreshTicketCancelsItAndEveryTarget() {
        String id = submit(Api.conversations(ticketRef("DPO-cancel"), 2, 3)).then().statusCode(202)
                .extract().path("id");

        asDpo().post(BASE + "/" + id + "/cancel").then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("completedAt", notNullValue())
                .body("targets.state", everyItem(equalTo("CANCELLED")));
        asDpo().get(BASE + "/" + id + "/history").then()
                .body("type", hasItem("TICKET_CANCELLED"))
                .body("find { it.type == 'TICKET_CANCELLED' }.actor", equalTo("dpo"));
        asDpo().post(BASE + "/" + id + "/cancel").then().statusCode(409);
    }
}
