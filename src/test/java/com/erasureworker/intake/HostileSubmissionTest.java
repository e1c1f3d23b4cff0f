package com.erasureworker.intake;

import static com.erasureworker.intake.Api.BASE;
import static com.erasureworker.intake.Api.asDpo;
import static com.erasureworker.intake.Api.ticketRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.erasureworker.simulator.DixaSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever arrives, the answer is a 4xx problem naming the field, and nothing is written. Never a 5xx. */
@QuarkusTest
class HostileSubmissionTest {

    private static final String SUBJECT = "\"subject\": {\"conversationIds\": [1]}";

    @Inject
    DixaSimulator simulator;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void freshDixa() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    static Stream<Arguments> hostileBodies() {
        String ref = "\"ticketRef\": \"" + ticketRef("DPO-hostile") + "\"";
        String tenThousandIds = LongStream.rangeClosed(1, 10_000).mapToObj(Long::toString)
                .collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("malformed JSON", "{\"ticketRef\": \"x\", ", 400, null),
                Arguments.of("not an object", "[1, 2]", 400, null),
                Arguments.of("empty body", "", 400, null),
                Arguments.of("ticketRef of the wrong type", "{\"ticketRef\": 42, " + SUBJECT + "}", 400, "ticketRef"),
                Arguments.of("ids of the wrong type", "{" + ref + ", \"subject\": {\"conversationIds\": [\"1\"]}}", 400,
                        "subject.conversationIds[0]"),
                Arguments.of("unknown field", "{" + ref + ", " + SUBJECT + ", \"closePolicyy\": \"NEVER\"}", 400,
                        "closePolicyy"),
                Arguments.of("unknown subject field", "{" + ref + ", \"subject\": {\"mail\": \"a@b.cd\"}}", 400,
                        "subject.mail"),
                Arguments.of("a key twice", "{" + ref + ", " + SUBJECT + ", " + SUBJECT + "}", 400, null),
                Arguments.of("two subject kinds", "{" + ref + ", \"subject\": {\"conversationIds\": [1], "
                        + "\"email\": \"a@example.com\"}}", 422, "subject"),
                Arguments.of("no subject", "{" + ref + "}", 422, "subject"),
                Arguments.of("null subject", "{" + ref + ", \"subject\": null}", 422, "subject"),
                Arguments.of("empty subject", "{" + ref + ", \"subject\": {}}", 422, "subject"),
                Arguments.of("10,000 conversation ids", "{" + ref + ", \"subject\": {\"conversationIds\": ["
                        + tenThousandIds + "]}}", 422, "subject.conversationIds"),
                Arguments.of("a negative id", "{" + ref + ", \"subject\": {\"conversationIds\": [5, -1]}}", 422,
                        "subject.conversationIds[1]"),
                Arguments.of("an id beyond int64", "{" + ref + ", \"subject\": {\"conversationIds\": "
                        + "[99999999999999999999]}}", 422, "subject.conversationIds[0]"),
                Arguments.of("bad ticketRef characters", "{\"ticketRef\": \"DPO 1; drop table\", " + SUBJECT + "}",
                        422, "ticketRef"),
                Arguments.of("ticketRef too long", "{\"ticketRef\": \"" + "x".repeat(129) + "\", " + SUBJECT + "}", 422,
                        "ticketRef"),
                Arguments.of("no ticketRef", "{" + SUBJECT + "}", 422, "ticketRef"),
                Arguments.of("reason over 1000", "{" + ref + ", " + SUBJECT + ", \"reason\": \"" + "r".repeat(1001)
                        + "\"}", 422, "reason"),
                Arguments.of("dueAt in the past", "{" + ref + ", " + SUBJECT + ", \"dueAt\": \""
                        + Instant.now().minus(1, ChronoUnit.DAYS) + "\"}", 422, "dueAt"),
                Arguments.of("dueAt beyond 3 months", "{" + ref + ", " + SUBJECT + ", \"dueAt\": \""
                        + Instant.now().plus(100, ChronoUnit.DAYS) + "\"}", 422, "dueAt"),
                Arguments.of("dueAt not a date", "{" + ref + ", " + SUBJECT + ", \"dueAt\": \"tomorrow\"}", 422,
                        "dueAt"),
                Arguments.of("unknown close policy", "{" + ref + ", " + SUBJECT + ", \"closePolicy\": \"ASAP\"}", 422,
                        "closePolicy"),
                Arguments.of("not an e-mail", "{" + ref + ", \"subject\": {\"email\": \"jane at example\"}}", 422,
                        "subject.email"),
                Arguments.of("not a phone", "{" + ref + ", \"subject\": {\"phone\": \"call me maybe\"}}", 422,
                        "subject.phone"),
                Arguments.of("not a uuid", "{" + ref + ", \"subject\": {\"endUserId\": \"1-2-3-4-5\"}}", 422,
                        "subject.endUserId"),
                Arguments.of("a message without messageId", "{" + ref + ", \"subject\": {\"messages\": "
                        + "[{\"conversationId\": 4}]}}", 422, "subject.messages[0].messageId"));
    }

    @ParameterizedTest(name = "{0} is refused with {2}")
    @MethodSource("hostileBodies")
    void aHostileBodyIsRefusedAsAProblemAndWritesNothing(String what, String body, int status, String field) {
        DatabaseRows before = DatabaseRows.count(dataSource);

        ValidatableResponse answer = asDpo().contentType(ContentType.JSON).body(body).post(BASE).then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue());
        if (field != null) {
            answer.body("errors.field", hasItem(field));
        }

        assertThat(DatabaseRows.count(dataSource)).isEqualTo(before);
    }

    @Test
    void aOneMegabyteStringIsRefusedAsTooLargeAndWritesNothing() {
        DatabaseRows before = DatabaseRows.count(dataSource);
        String body = "{\"ticketRef\": \"" + ticketRef("DPO-big") + "\", " + SUBJECT + ", \"reason\": \""
                + "x".repeat(1024 * 1024) + "\"}";

        asDpo().contentType(ContentType.JSON).body(body).post(BASE).then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));

        assertThat(DatabaseRows.count(dataSource)).isEqualTo(before);
    }

    @Test
    void whenDixaCannotBeReachedAnEmailSubmissionAnswers503AndRecordsNothing() {
        simulator.addEndUser("unlucky@example.com", null);
        simulator.faults().errorRate(1.0);
        DatabaseRows before = DatabaseRows.count(dataSource);

        asDpo().contentType(ContentType.JSON)
                .body("{\"ticketRef\": \"" + ticketRef("DPO-down") + "\", \"subject\": {\"email\": \"unlucky@example.com\"}}")
                .post(BASE).then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("nothing was recorded"));

        assertThat(DatabaseRows.count(dataSource)).isEqualTo(before);
        assertThat(simulator.calls()).isNotEmpty();
    }
}
