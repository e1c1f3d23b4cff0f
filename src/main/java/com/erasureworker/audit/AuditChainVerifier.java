package com.erasureworker.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Recomputes the audit chain from the rows as they are in the database, streamed through a cursor so a year of events
 * never sits in memory. A row changed behind the application's back (say by a superuser with the trigger disabled)
 * no longer hashes to its stored hash, or its successor no longer links to it; a deleted row leaves a gap; a deleted
 * tail leaves the chain shorter than its head.
 */
@ApplicationScoped
public class AuditChainVerifier {

    private static final String EVENTS = "select sequence, occurred_at, actor, request_id, target_id, type, detail::text, "
            + "previous_hash, hash from audit_event where sequence between ? and ? order by sequence";

    private final AgroalDataSource dataSource;

    AuditChainVerifier(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Checks events {@code from}..{@code to} (inclusive; null = the whole chain). */
    public ChainVerification verify(Long from, Long to) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try {
                return verify(connection, from == null ? 1 : Math.max(1, from), to);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit chain could not be read", e);
        }
    }

    private ChainVerification verify(Connection connection, long from, Long to) throws SQLException {
        long headSequence;
        String headHash;
        try (PreparedStatement head = connection.prepareStatement(
                "select last_sequence, last_hash from audit_chain_head where id = 1");
                ResultSet row = head.executeQuery()) {
            row.next();
            headSequence = row.getLong(1);
            headHash = row.getString(2);
        }
        long last = to == null ? headSequence : Math.min(to, headSequence);
        String expectedPrevious = from == 1 ? AuditChainHead.GENESIS : storedHash(connection, from - 1);
        long expectedSequence = from;
        long checked = 0;
        try (PreparedStatement events = connection.prepareStatement(EVENTS)) {
            events.setFetchSize(1000);
            events.setLong(1, from);
            events.setLong(2, last);
            try (ResultSet row = events.executeQuery()) {
                while (row.next()) {
                    long sequence = row.getLong(1);
                    if (sequence != expectedSequence) {
                        return invalid(checked, expectedSequence, "event missing", headSequence, headHash);
                    }
                    String previous = row.getString(8);
                    String stored = row.getString(9);
                    String recomputed = CanonicalEvent.hash(previous, sequence,
                            row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
                            row.getObject(4, UUID.class), row.getObject(5, UUID.class), row.getString(6),
                            CanonicalEvent.parse(row.getString(7)));
                    if (!previous.equals(expectedPrevious)) {
                        return invalid(checked, sequence, "does not link to its predecessor", headSequence, headHash);
                    }
                    if (!recomputed.equals(stored)) {
                        return invalid(checked, sequence, "content does not match its hash", headSequence, headHash);
                    }
                    checked++;
                    expectedPrevious = stored;
                    expectedSequence = sequence + 1;
                }
            }
        }
        if (expectedSequence <= last) {
            return invalid(checked, expectedSequence, "event missing", headSequence, headHash);
        }
        if (last == headSequence && headSequence > 0 && !expectedPrevious.equals(headHash)) {
            return invalid(checked, headSequence, "chain head does not match the last event", headSequence, headHash);
        }
        return new ChainVerification(true, checked, null, null, headSequence, headHash);
    }

    private static String storedHash(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select hash from audit_event where sequence = ?")) {
            statement.setLong(1, sequence);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : "missing";
            }
        }
    }

    private static ChainVerification invalid(long checked, long sequence, String reason, long headSequence,
            String headHash) {
        return new ChainVerification(false, checked, sequence, reason, headSequence, headHash);
    }
}
