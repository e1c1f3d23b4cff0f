package com.erasureworker.audit;

import com.erasureworker.webhook.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.erasureworker.webhook.WebhookEventType;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * never sits in memory. A row changed behind the application's back no longer hashes to its stored hash, or its
 * successor no longer links to it; a deleted row leaves a gap; a deleted tail leaves the chain shorter than its head;
 * a row beyond the head is reported. A rewrite that also recomputed every later hash and moved the head (the owner
 * role can do that) still disagrees with the signed checkpoints, which nobody without the signing key can remake, and
 * with any anchor an auditor kept ({@code expectSequence}, {@code expectHash}).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // audit_verify_failures_total exists from the start (alert AuditChainVerifyFailed)
public class AuditChainVerifier {

    private static final String EVENTS = "select e.sequence, e.occurred_at, e.actor, e.request_id, e.target_id, e.type, "
            + "e.detail::text, e.previous_hash, e.hash, c.hash, c.signed_at, c.key_id, c.signature "
            + "from audit_event e left join audit_checkpoint c on c.sequence = e.sequence "
            + "where e.sequence between ? and ? order by e.sequence";

    /** An auditor's own record of a position: the event at {@code sequence} must have {@code hash}. */
    public record Anchor(long sequence, String hash) {
    }

    private final AgroalDataSource dataSource;
    private final AuditSigningKey key;

    private final Outbox outbox;
    private final Counter failures;

    AuditChainVerifier(AgroalDataSource dataSource, AuditSigningKey key, Outbox outbox, MeterRegistry registry) {
        this.outbox = outbox;
        this.failures = Counter.builder("audit.verify.failures")
                .description("Audit chain verifications that found the chain or a checkpoint invalid").register(registry);
        this.dataSource = dataSource;
        this.key = key;
    }

    /** Checks events {@code from}..{@code to} (inclusive; null = the whole chain), and the anchor when given. */
    public ChainVerification verify(Long from, Long to, Anchor anchor) {
        ChainVerification result = check(from, to, anchor);
        if (!result.valid()) {
            failures.increment();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("checked", result.checked());
            data.put("firstInvalidSequence", result.firstInvalidSequence());
            data.put("reason", result.reason());
            data.put("headSequence", result.headSequence());
            outbox.publish(WebhookEventType.AUDIT_VERIFY_FAILED, null, data);
        }
        return result;
    }

    private ChainVerification check(Long from, Long to, Anchor anchor) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try {
                return new Pass(connection, from == null ? 1 : Math.max(1, from), to, anchor).run();
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit chain could not be read", e);
        }
    }

    /** One verification: the state of the walk along the chain. */
    private final class Pass {
        private final Connection connection;
        private final long from;
        private final Long to;
        private final Anchor anchor;
        private long headSequence;
        private String headHash;
        private long checked;
        private long checkpoints;
        private AuditCheckpoint lastValid;

        Pass(Connection connection, long from, Long to, Anchor anchor) {
            this.connection = connection;
            this.from = from;
            this.to = to;
            this.anchor = anchor;
        }

        ChainVerification run() throws SQLException {
            try (PreparedStatement head = connection.prepareStatement(
                    "select last_sequence, last_hash from audit_chain_head where id = 1");
                    ResultSet row = head.executeQuery()) {
                row.next();
                headSequence = row.getLong(1);
                headHash = row.getString(2);
            }
            Long beyond = single("select min(sequence) from audit_event where sequence > ?", headSequence);
            if (beyond != null) {
                return invalid(beyond, "event beyond the chain head (the head was moved back)");
            }
            Long signedBeyond = single("select min(sequence) from audit_checkpoint where sequence > ?", headSequence);
            if (signedBeyond != null) {
                return invalid(headSequence + 1, "a signed checkpoint at sequence " + signedBeyond
                        + " lies beyond the chain head: events were removed");
            }
            if (anchor != null && anchor.sequence() > headSequence) {
                return invalid(headSequence + 1, "the chain ends before your anchor at sequence " + anchor.sequence());
            }
            long last = to == null ? headSequence : Math.min(to, headSequence);
            String expectedPrevious = from == 1 ? AuditChainHead.GENESIS : storedHash(from - 1);
            long expectedSequence = from;
            try (PreparedStatement events = connection.prepareStatement(EVENTS)) {
                events.setFetchSize(1000);
                events.setLong(1, from);
                events.setLong(2, last);
                try (ResultSet row = events.executeQuery()) {
                    while (row.next()) {
                        long sequence = row.getLong(1);
                        if (sequence != expectedSequence) {
                            return invalid(expectedSequence, "event missing");
                        }
                        String previous = row.getString(8);
                        String stored = row.getString(9);
                        String recomputed = CanonicalEvent.hash(previous, sequence,
                                row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
                                row.getObject(4, UUID.class), row.getObject(5, UUID.class), row.getString(6),
                                CanonicalEvent.parse(row.getString(7)));
                        if (!previous.equals(expectedPrevious)) {
                            return invalid(sequence, "does not link to its predecessor");
                        }
                        if (!recomputed.equals(stored)) {
                            return invalid(sequence, "content does not match its hash");
                        }
                        if (anchor != null && anchor.sequence() == sequence && !anchor.hash().equals(stored)) {
                            return invalid(firstUntrusted(), "the event at sequence " + sequence + " does not have "
                                    + "the hash of your anchor: the chain was rewritten up to there");
                        }
                        if (row.getString(10) != null) {
                            ChainVerification broken = checkpoint(sequence, stored, row);
                            if (broken != null) {
                                return broken;
                            }
                        }
                        checked++;
                        expectedPrevious = stored;
                        expectedSequence = sequence + 1;
                    }
                }
            }
            if (expectedSequence <= last) {
                return invalid(expectedSequence, "event missing");
            }
            if (last == headSequence && headSequence > 0 && !expectedPrevious.equals(headHash)) {
                return invalid(headSequence, "chain head does not match the last event");
            }
            return new ChainVerification(true, checked, null, null, headSequence, headHash, checkpoints, lastValid);
        }

        private ChainVerification checkpoint(long sequence, String stored, ResultSet row) throws SQLException {
            AuditCheckpoint checkpoint = new AuditCheckpoint(sequence, row.getString(10),
                    row.getObject(11, OffsetDateTime.class).toInstant(), row.getString(12), row.getString(13));
            checkpoints++;
            if (!key.verify(checkpoint.statementBytes(), checkpoint.signature())) {
                return invalid(firstUntrusted(), "the checkpoint at sequence " + sequence + " does not carry a valid "
                        + "signature of the audit key " + key.keyId() + " (forged, altered, or another key)");
            }
            if (!checkpoint.hash().equals(stored)) {
                return invalid(firstUntrusted(), "the signed checkpoint at sequence " + sequence + " does not match "
                        + "the chain: events after the last matching checkpoint were rewritten");
            }
            lastValid = checkpoint;
            return null;
        }

        /** The first event not covered by a checkpoint that still matches. */
        private long firstUntrusted() {
            return lastValid == null ? from : lastValid.sequence() + 1;
        }

        private String storedHash(long sequence) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select hash from audit_event where sequence = ?")) {
                statement.setLong(1, sequence);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? row.getString(1) : "missing";
                }
            }
        }

        private Long single(String sql, long parameter) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, parameter);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    long value = row.getLong(1);
                    return row.wasNull() ? null : value;
                }
            }
        }

        private ChainVerification invalid(long sequence, String reason) {
            return new ChainVerification(false, checked, sequence, reason, headSequence, headHash, checkpoints,
                    lastValid);
        }
    }
}
