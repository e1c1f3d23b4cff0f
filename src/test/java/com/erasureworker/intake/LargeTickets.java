package com.erasureworker.intake;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Sweep-sized tickets written by SQL in terminal states, so no job picks them up: what the paged views are tested
 * and measured on without erasing 20,000 conversations first.
 */
final class LargeTickets {

    static final String DAY_2001 = "2001-06-15";

    private LargeTickets() {
    }

    /** A FAILED sweep ticket whose targets are half DONE, a quarter FAILED, a quarter CANCELLED. */
    static UUID withTargets(AgroalDataSource dataSource, int count) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement ticket = connection.prepareStatement("insert into erasure_request (id, ticket_ref, "
                    + "source, state, subject_type, content_hash, close_policy, requested_by, received_at, due_at) "
                    + "values (?, ?, 'SWEEP', 'FAILED', 'CONVERSATIONS', 'test', 'WAIT_THEN_FORCE', 'sweep', now(), "
                    + "now() + interval '30 days')")) {
                ticket.setObject(1, id);
                ticket.setString(2, "large-" + id);
                ticket.executeUpdate();
            }
            try (PreparedStatement targets = connection.prepareStatement("insert into erasure_target (id, request_id, "
                    + "type, dixa_id, conversation_id, state, priority, next_attempt_at, created_at, updated_at) "
                    + "select gen_random_uuid(), ?, 'CONVERSATION', (9000000 + n)::text, 9000000 + n, "
                    + "case when n % 2 = 0 then 'DONE' when n % 4 = 1 then 'FAILED' else 'CANCELLED' end, 1, now(), "
                    + "now() + n * interval '1 microsecond', now() from generate_series(0, ? - 1) n")) {
                targets.setObject(1, id);
                targets.setInt(2, count);
                targets.executeUpdate();
            }
        }
        return id;
    }

    /**
     * {@code count} CANCELLED DPO tickets received on one day of 2001, each a millisecond apart: settled long ago, so
     * no list of open, overdue or at-risk tickets and no job sees them. Returns the day (ISO-8601 date).
     */
    static String cancelledIn2001(AgroalDataSource dataSource, int count) throws SQLException {
        String tag = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement tickets = connection.prepareStatement("insert into erasure_request (id, ticket_ref, "
                        + "source, state, subject_type, content_hash, close_policy, requested_by, received_at, "
                        + "due_at, completed_at) select gen_random_uuid(), 'old-' || ? || '-' || n, 'DPO', "
                        + "'CANCELLED', 'CONVERSATIONS', 'test', 'WAIT_THEN_FORCE', 'dpo', ?::timestamptz "
                        + "+ n * interval '1 millisecond', ?::timestamptz + interval '30 days', ?::timestamptz "
                        + "+ interval '1 day' from generate_series(0, ? - 1) n")) {
            String start = DAY_2001 + "T00:00:00Z";
            tickets.setString(1, tag);
            tickets.setString(2, start);
            tickets.setString(3, start);
            tickets.setString(4, start);
            tickets.setInt(5, count);
            tickets.executeUpdate();
        }
        return DAY_2001;
    }
}
