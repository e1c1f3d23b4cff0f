package com.erasureworker.intake;

import static com.erasureworker.intake.Api.BASE;
import static com.erasureworker.intake.Api.asDpo;
import static com.erasureworker.intake.Api.submit;
import static com.erasureworker.intake.Api.ticketRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.erasureworker.simulator.DixaSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A DPO submits each kind of subject and gets a ticket with one target per Dixa entity. */
@QuarkusTest
class ErasureSubmissionTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void freshDixa() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @Test
    void anEndUserIdBecomesOneUserTargetAndTheTicketIsNamedByLocation() {
        UUID user = UUID.randomUUID();
        String ref = ticketRef("DPO-user");

        Response response = submit(Map.of("ticketRef", ref, "subject", Map.of("endUserId", user.toString()),
                "closePolicy", "FORCE_NOW", "reason", "customer asked by letter"));

        response.then().statusCode(202)
                .body("ticketRef", equalTo(ref))
                .body("state", equalTo("IN_PROGRESS"))
                .body("source", equalTo("DPO"))
                .body("subject.type", equalTo("END_USER"))
                .body("subject.endUserId", equalTo(user.toString()))
                .body("closePolicy", equalTo("FORCE_NOW"))
                .body("requestedBy", equalTo("dpo"))
                .body("overdue", equalTo(false))
                .body("targets", hasSize(1))
                .body("targets[0].type", equalTo("USER"))
                .body("targets[0].dixaId", equalTo(user.toString()))
                .body("targets[0].state", equalTo("PENDING"))
                .body("targets[0].coveredConversationIds", hasSize(0));
        String id = response.jsonPath().getString("id");
        assertThat(response.header("Location")).endsWith("/api/v1/erasure-requests/" + id);
        asDpo().get(BASE + "/" + id).then().statusCode(200).body("ticketRef", equalTo(ref));
    }

    @Test
    void conversationIdsBecomeOneTargetEachWithoutDuplicatesAndTheDeadlineDefaultsToOneMonth() {
        Instant before = Instant.now();

        JsonPath ticket = submit(Api.conversations(ticketRef("DPO-conv"), 30, 10, 20, 10)).then().statusCode(202)
                .body("closePolicy", equalTo("WAIT_THEN_FORCE"))
                .extract().jsonPath();

        assertThat(ticket.getList("targets.type")).containsOnly("CONVERSATION");
        assertThat(ticket.getList("targets.dixaId", String.class)).containsExactlyInAnyOrder("10", "20", "30");
        Instant dueAt = Instant.parse(ticket.getString("dueAt"));
        assertThat(dueAt).isBetween(before.plus(28, ChronoUnit.DAYS), Instant.now().plus(31, ChronoUnit.DAYS));
    }

    @Test
    void messagesBecomeOneMessageTargetEach() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<Map<String, Object>> messages = List.of(Map.of("conversationId", 7, "messageId", first.toString()),
                Map.of("conversationId", 8, "messageId", second.toString()));

        JsonPath ticket = submit(Map.of("ticketRef", ticketRef("DPO-msg"), "subject", Map.of("messages", messages)))
                .then().statusCode(202).body("subject.type", equalTo("MESSAGES")).extract().jsonPath();

        assertThat(ticket.getList("targets.type")).containsOnly("MESSAGE");
        assertThat(ticket.getList("targets.dixaId", String.class)).containsExactlyInAnyOrder("7_" + first, "8_" + second);
    }

    @Test
    void anEmailIsResolvedThroughDixaToEveryMatchingUserAndAppearsNowhere() {
        UUID jane = simulator.addEndUser("jane.doe@example.com", "+4520000017");
        UUID janeAgain = simulator.addEndUser("jane.doe@example.com", null);
        simulator.addEndUser("someone.else@example.com", null);

        Response response = submit(Map.of("ticketRef", ticketRef("DPO-mail"),
                "subject", Map.of("email", "  Jane.Doe@Example.com ")));

        response.then().statusCode(202)
                .body("subject.type", equalTo("EMAIL"))
                .body("subject.hash", notNullValue())
                .body("targets", hasSize(2));
        assertThat(response.jsonPath().getList("targets.dixaId", String.class))
                .containsExactlyInAnyOrder(jane.toString(), janeAgain.toString());
        assertThat(response.asString()).doesNotContainIgnoringCase("jane.doe").doesNotContainIgnoringCase("example.com");
        assertThat(simulator.calls()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/v1/endusers");
            assertThat(call.query()).contains("email=jane.doe%40example.com");
        });
        String id = response.jsonPath().getString("id");
        assertThat(DatabaseRows.query(dataSource, "select type from audit_event where request_id = ? order by sequence",
                UUID.fromString(id))).startsWith("TICKET_RECEIVED").contains("DIXA_CALL", "TICKET_RESOLVED");
    }

    @Test
    void aPhoneIsResolvedByItsNormalisedNumber() {
        UUID caller = simulator.addEndUser(null, "+4520000099");

        submit(Map.of("ticketRef", ticketRef("DPO-phone"), "subject", Map.of("phone", "+45 20 00 00 99")))
                .then().statusCode(202)
                .body("subject.type", equalTo("PHONE"))
                .body("targets[0].dixaId", equalTo(caller.toString()));
    }

    @Test
    void anAddressWithoutMatchInDixaIsCompletedAtOnceAsNoDataFound() {
        String id = submit(Map.of("ticketRef", ticketRef("DPO-none"), "subject", Map.of("email", "nobody@example.org")))
                .then().statusCode(202)
                .body("state", equalTo("COMPLETED"))
                .body("outcome", equalTo("NO_DATA_FOUND"))
                .body("completedAt", notNullValue())
                .body("targets", hasSize(0))
                .extract().path("id");

        asDpo().get(BASE + "/" + id + "/history").then().statusCode(200)
                .body("type", equalTo(List.of("TICKET_RECEIVED", "DIXA_CALL", "TICKET_RESOLVED", "TICKET_COMPLETED")))
                .body("[3].detail.outcome", equalTo("NO_DATA_FOUND"));
    }

    @Test
    void theHistoryOfANewTicketShowsItsReceiptByTheDpo() {
        String id = submit(Api.conversations(ticketRef("DPO-hist"), 5)).then().statusCode(202).extract().path("id");

        Api.asAuditor().get(BASE + "/" + id + "/history").then().statusCode(200)
                .body("[0].type", equalTo("TICKET_RECEIVED"))
                .body("[0].actor", equalTo("dpo"))
                .body("[0].sequence", notNullValue())
                .body("[0].detail.subjectType", equalTo("CONVERSATIONS"))
                .body("[0].detail.targets", equalTo(1))
                .body("[0].detail.closePolicy", equalTo("WAIT_THEN_FORCE"));
    }

    @Test
    void aReasonIsStoredWithoutTheAddressTypedIntoIt() {
        submit(Map.of("ticketRef", ticketRef("DPO-reason"), "subject", Map.of("conversationIds", List.of(3)),
                "reason", "mail from max@example.net, call +45 11 22 33 44"))
                .then().statusCode(202)
                .body("reason", equalTo("mail from [email], call [number]"));
    }
}
