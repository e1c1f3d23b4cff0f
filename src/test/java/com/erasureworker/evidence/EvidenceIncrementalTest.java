package com.erasureworker.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evidence is read conversation by conversation as targets finish: a failing read costs that conversation alone a
 * later try, never a restart from the first; a conversation whose log cannot be read after every attempt is certified
 * as "evidence unavailable" instead of holding the certificate back. The pipeline and evidence capture run by hand,
 * and the clock is moved past each retry's backoff, so the faults' seeded sequence plays out the same on every run.
 */
@QuarkusTest
class EvidenceIncrementalTest {

    private static final String TICKETS = "/api/v1/erasure-requests";
    /** Past the longest wait between two evidence reads: the collector's pause after a failure (up to 10 min). */
    private static final Duration PAST_ANY_BACKOFF = Duration.ofMinutes(11);
    private static final int MOST_CAPTURE_RUNS = 100;

    @Inject
    DixaSimulator simulator;

    @Inject
    ManualPipeline pipeline;

    @Inject
    EvidencePlanner planner;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @AfterEach
    void stop() throws Exception {
        simulator.faults().clear();
        // The planning test's synthetic targets (csids 8,000,000+) must not count as used ids for later tests, which
        // move the simulator past every live target's conversation id (SweepFixtures.skipUsedConversationIds).
        try (Connection connection = dataSource.getConnection(); PreparedStatement cancel = connection.prepareStatement(
                "update erasure_target set state = 'CANCELLED' where conversation_id >= 8000000")) {
            cancel.executeUpdate();
        }
    }

    @Test
    void withTenPercentFailuresEveryConversationsLogIsReadOnceAndTheCertificateFollows() throws Exception {
        List<Long> conversations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            conversations.add(simulator.addConversation(simulator.addEndUser(null, null), ConversationState.Closed,
                    "Email", Instant.now()));
        }
        simulator.faults().only("GET", "/activitylog").errorRate(0.1).resetRate(0.05).seed(19);
        String id = submit(conversations);

        JsonPath certificate = certified(id);

        assertThat(certificate.getList("evidence.conversations.outcome")).hasSize(20).containsOnly("CAPTURED");
        // What the worker received (a read Dixa answered but the worker timed out on is rightly read again): one
        // answered read per conversation, however many reads of other conversations failed in between.
        assertThat(answeredReadsPerTarget(UUID.fromString(id))).as("no conversation read again once answered")
                .hasSize(20).allSatisfy(reads -> assertThat(reads).isEqualTo(1));
        assertThat(simulator.calls()).as("the faults happened")
                .anyMatch(call -> call.path().endsWith("/activitylog") && call.status() != 200);
    }

    @Test
    void aConversationWhoseLogKeepsFailingIsCertifiedAsEvidenceUnavailable() {
        long readable = simulator.addConversation(simulator.addEndUser(null, null), ConversationState.Closed, "Email",
                Instant.now());
        long failing = simulator.addConversation(simulator.addEndUser(null, null), ConversationState.Closed, "Email",
                Instant.now());
        simulator.faults().only("GET", "/" + failing + "/activitylog").errorRate(1.0);
        String id = submit(List.of(readable, failing));

        JsonPath certificate = certified(id);

        Map<String, Object> unavailable = certificate.getMap("evidence.conversations.find { it.conversationId == "
                + failing + " }");
        assertThat(unavailable).containsEntry("outcome", "UNAVAILABLE");
        assertThat((String) unavailable.get("reason")).contains("TRANSIENT").contains("3 attempts");
        assertThat(certificate.getString("evidence.conversations.find { it.conversationId == " + readable
                + " }.outcome")).isEqualTo("CAPTURED");
        byte[] pdf = as("auditor").accept("application/pdf").get(TICKETS + "/" + id + "/certificate").then()
                .statusCode(200).extract().asByteArray();
        assertThat(pdf).isNotEmpty();
    }

    @Test
    void finishedTargetsArePlannedBeforeTheTicketCompletesUpToTheFirstUnfinishedOne() throws Exception {
        UUID ticket = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into erasure_request (id, ticket_ref, "
                    + "source, state, subject_type, content_hash, close_policy, requested_by, received_at, due_at) "
                    + "values (?, ?, 'DPO', 'IN_PROGRESS', 'CONVERSATIONS', 'test', 'WAIT_THEN_FORCE', 'dpo', now(), "
                    + "now() + interval '30 days')")) {
                insert.setObject(1, ticket);
                insert.setString(2, "plan-" + ticket);
                insert.executeUpdate();
            }
            // Targets 0-3 DONE, 4 HELD (unfinished), 5-9 DONE.
            try (PreparedStatement targets = connection.prepareStatement("insert into erasure_target (id, request_id, "
                    + "type, dixa_id, conversation_id, state, priority, next_attempt_at, created_at, updated_at) "
                    + "select gen_random_uuid(), ?, 'CONVERSATION', (8000000 + n)::text, 8000000 + n, "
                    + "case when n = 4 then 'HELD' else 'DONE' end, 0, now() + interval '1 day', "
                    + "now() + n * interval '1 millisecond', now() from generate_series(0, 9) n")) {
                targets.setObject(1, ticket);
                targets.executeUpdate();
            }
        }
        assertThat(planner.planNext(ticket)).isFalse();
        assertThat(queued(ticket)).containsExactly(8000000L, 8000001L, 8000002L, 8000003L);

        try (Connection connection = dataSource.getConnection(); PreparedStatement finish = connection.prepareStatement(
                "update erasure_target set state = 'CANCELLED' where request_id = ?")) {
            finish.setObject(1, ticket);
            finish.executeUpdate();
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement done = connection.prepareStatement(
                "update erasure_target set state = 'DONE' where request_id = ? and conversation_id <> 8000004")) {
            done.setObject(1, ticket);
            done.executeUpdate();
        }
        assertThat(planner.planNext(ticket)).as("still in progress").isFalse();
        assertThat(queued(ticket)).as("passed the cancelled target; each conversation queued once").hasSize(9)
                .doesNotContain(8000004L).doesNotHaveDuplicates();
    }

    /**
     * Runs the ticket to its end, then evidence capture until the certificate is issued, moving the clock past each
     * backoff between runs (a failed read pauses this replica's capture, and retries that conversation later).
     */
    private JsonPath certified(String id) {
        assertThat(pipeline.runUntilSettled(UUID.fromString(id))).isEqualTo(RequestState.COMPLETED);
        for (int run = 0; run < MOST_CAPTURE_RUNS; run++) {
            pipeline.captureEvidence();
            ExtractableResponse<Response> answer = as("auditor").get(TICKETS + "/" + id + "/certificate").then()
                    .extract();
            if (answer.statusCode() == 200) {
                return answer.jsonPath();
            }
            pipeline.advance(PAST_ANY_BACKOFF);
        }
        throw new AssertionError("no certificate for ticket " + id + " after " + MOST_CAPTURE_RUNS + " capture runs");
    }

    private List<Long> answeredReadsPerTarget(UUID ticket) throws Exception {
        List<Long> counts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select count(*) from audit_event where request_id = ? and type = 'DIXA_CALL' "
                        + "and detail->>'path' like '%activitylog' and detail->>'status' = '200' group by target_id")) {
            select.setObject(1, ticket);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.add(rows.getLong(1));
                }
            }
        }
        return counts;
    }

    private List<Long> queued(UUID ticket) throws Exception {
        List<Long> conversations = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select conversation_id from evidence_task where request_id = ? order by conversation_id")) {
            select.setObject(1, ticket);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    conversations.add(rows.getLong(1));
                }
            }
        }
        return conversations;
    }

    private String submit(List<Long> conversations) {
        return as("dpo").contentType(ContentType.JSON).body(Map.of("ticketRef", "INCR-" + UUID.randomUUID(),
                "subject", Map.of("conversationIds", conversations))).post(TICKETS).then().statusCode(202).extract()
                .path("id");
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
