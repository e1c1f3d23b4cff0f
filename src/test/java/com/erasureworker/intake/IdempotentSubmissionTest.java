package com.erasureworker.intake;

import static com.erasureworker.intake.Api.submit;
import static com.erasureworker.intake.Api.ticketRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.erasureworker.simulator.DixaSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ticketRef is the DPO's idempotency key: the same request again is the same ticket, never a second one. */
@QuarkusTest
class IdempotentSubmissionTest {

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
    void theSameRequestAgainAnswers200WithTheSameTicketAndWritesNothing() {
        String ref = ticketRef("DPO-again");
        String id = submit(Api.conversations(ref, 1, 2)).then().statusCode(202).extract().path("id");
        DatabaseRows before = DatabaseRows.count(dataSource);

        submit(Api.conversations(ref, 2, 1, 1)).then().statusCode(200).body("id", equalTo(id));

        assertThat(DatabaseRows.count(dataSource)).isEqualTo(before);
    }

    @Test
    void resubmittingAnEmailTicketDoesNotAskDixaAgain() {
        simulator.addEndUser("repeat@example.com", null);
        Map<String, Object> request = Map.of("ticketRef", ticketRef("DPO-mail-again"),
                "subject", Map.of("email", "repeat@example.com"));
        String id = submit(request).then().statusCode(202).extract().path("id");
        simulator.clearCalls();

        submit(request).then().statusCode(200).body("id", equalTo(id));

        assertThat(simulator.calls()).isEmpty();
    }

    @Test
    void theSameTicketRefWithDifferentContentIsAConflictNamingTicketRef() {
        String ref = ticketRef("DPO-clash");
        submit(Api.conversations(ref, 1)).then().statusCode(202);
        DatabaseRows before = DatabaseRows.count(dataSource);

        submit(Api.conversations(ref, 2)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("errors[0].field", equalTo("ticketRef"));
        submit(Map.of("ticketRef", ref, "subject", Map.of("conversationIds", List.of(1)), "closePolicy", "NEVER"))
                .then().statusCode(409);

        assertThat(DatabaseRows.count(dataSource)).isEqualTo(before);
    }

    @Test
    void identicalSubmissionsRacingCreateOneTicket() {
        String ref = ticketRef("DPO-race");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> racers = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return submit(Api.conversations(ref, 11, 12));
                })).toList();

        start.countDown();
        List<Response> answers = racers.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Response::statusCode).containsOnly(202, 200).containsOnlyOnce(202);
        assertThat(answers).extracting(answer -> answer.jsonPath().getString("id")).containsOnly(
                answers.get(0).jsonPath().getString("id"));
        assertThat(DatabaseRows.query(dataSource, "select count(*) from erasure_request where ticket_ref = ?", ref))
                .containsExactly("1");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
