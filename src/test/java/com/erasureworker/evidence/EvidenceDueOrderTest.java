package com.erasureworker.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Evidence is owed first to DPO tickets: one completed after a sweep ticket is still due before it, and a ticket
 * whose evidence is saved is no longer due (the partial index of V15 holds only tickets still owing evidence).
 */
@QuarkusTest
class EvidenceDueOrderTest {

    @Inject
    EvidenceRecorder recorder;

    @Inject
    EvidencePlanner planner;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDpoTicketCompletedAfterASweepTicketIsDueFirstAndASavedOneIsNoLongerDue() throws Exception {
        UUID sweep = completed("SWEEP", "2 hours");
        UUID dpo = completed("DPO", "1 minute");

        List<UUID> due = recorder.due(10_000);
        assertThat(due).contains(sweep, dpo);
        assertThat(due.indexOf(dpo)).isLessThan(due.indexOf(sweep));

        assertThat(recorder.complete(dpo)).as("not planned yet").isFalse();
        assertThat(planner.planNext(dpo)).as("a completed ticket without targets is planned at once").isTrue();
        assertThat(recorder.complete(dpo)).isTrue();
        assertThat(recorder.due(10_000)).contains(sweep).doesNotContain(dpo);
        assertThat(recorder.complete(dpo)).as("completed once").isFalse();
    }

    private UUID completed(String source, String ago) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); PreparedStatement ticket = connection.prepareStatement(
                "insert into erasure_request (id, ticket_ref, source, state, outcome, subject_type, content_hash, "
                        + "close_policy, requested_by, received_at, due_at, completed_at) values (?, ?, ?, 'COMPLETED', "
                        + "'NO_DATA_FOUND', 'CONVERSATIONS', 'test', 'WAIT_THEN_FORCE', 'dpo', now() - interval '1 day', "
                        + "now() + interval '29 days', now() - interval '" + ago + "')")) {
            ticket.setObject(1, id);
            ticket.setString(2, "due-order-" + id);
            ticket.setString(3, source);
            ticket.executeUpdate();
        }
        return id;
    }
}
