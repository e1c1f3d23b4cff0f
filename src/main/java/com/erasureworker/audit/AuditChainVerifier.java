package com.erasureworker.audit;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
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
            + "e.detail::text, e.previous_hash, e.hash, c.hash, c.signed_at, c.key_id, c.signature, e.hash_form, c.form, c.previous_sequence, c.previous_hash, "
            + "c.previous_signature "
            + "from audit_event e left join audit_checkpoint c on c.sequence = e.sequence "
            + "where e.sequence between ? and ? order by e.sequence";

    /** An auditor's own record of a position: the event at {@code sequence} must have {@code hash}. */
    public record Anchor(long sequence, String hash) {
    }

    private final AgroalDataSource dataSource;
    private final AuditSigningKey key;
    private final CheckpointLog signedOutside;

    private final Event<AuditChainBroken> broken;
    private final Counter failures;

    AuditChainVerifier(AgroalDataSource dataSource, AuditSigningKey key, CheckpointLog signedOutside,
            Event<AuditChainBroken> broken, MeterRegistry registry) {
        this.signedOutside = signedOutside;
        this.broken = broken;
        this.failures = Counter.builder("audit.verify.failures")
                .description("Audit chain verifications that found the chain or a checkpoint invalid").register(registry);
        this.dataSource = dataSource;
        this.key = key;
    }

    /** Checks events {@code from}..{@code to} (inclusive; null = the whole chain), and the anchor when given. */
    public ChainVerification verify(Long from, Long to, Anchor anchor) {
        return verifyHeld(from, to, anchor == null ? List.of() : List.of(anchor));
    }

    /**
     * Checks events {@code from}..{@code to} (inclusive; null = the whole chain) and every anchor (positions an
     * auditor holds, e.g. checkpoints), reporting the first that disagrees.
     */
    public ChainVerification verifyHeld(Long from, Long to, List<Anchor> anchors) {
        ChainVerification result = check(from, to, anchors);
        if (!result.valid()) {
            failures.increment();
            broken.fire(new AuditChainBroken(result));
        }
        return result;
    }

    private ChainVerification check(Long from, Long to, List<Anchor> anchor) {
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
        private final java.util.NavigableMap<Long, String> anchors = new java.util.TreeMap<>();
        private long headSequence;
        private String headHash;
        private long checked;
        private long checkpoints;
        private AuditCheckpoint lastValid;

        private AuditCheckpoint previousCheckpoint;

        Pass(Connection connection, long from, Long to, List<Anchor> anchors) {
            this.connection = connection;
            this.from = from;
            this.to = to;
            anchors.forEach(anchor -> this.anchors.putIfAbsent(anchor.sequence(), anchor.hash()));
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
            if (!anchors.isEmpty() && anchors.lastKey() > headSequence) {
                return invalid(headSequence + 1, "the chain ends before your anchor at sequence " + anchors.lastKey());
            }
            ChainVerification cutBack = lastSignedStillThere();
            if (cutBack != null) {
                return cutBack;
            }
            previousCheckpoint = checkpointBefore(from);
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
                        String recomputed = CanonicalEvent.hash(row.getShort(14), previous, sequence,
                                row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
                                row.getObject(4, UUID.class), row.getObject(5, UUID.class), row.getString(6),
                                CanonicalEvent.parse(row.getString(7)));
                        if (!previous.equals(expectedPrevious)) {
                            return invalid(sequence, "does not link to its predecessor");
                        }
                        if (!recomputed.equals(stored)) {
                            return invalid(sequence, "content does not match its hash");
                        }
                        String anchor = anchors.get(sequence);
                        if (anchor != null && !anchor.equals(stored)) {
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
            Instant signedAt = row.getObject(11, OffsetDateTime.class).toInstant();
            AuditCheckpoint checkpoint = row.getInt(15) == 1
                    ? new AuditCheckpoint(sequence, row.getString(10), signedAt, row.getString(12), row.getString(13))
                    : AuditCheckpoint.linked(sequence, row.getString(10), signedAt, row.getString(12),
                            row.getString(13), row.getLong(16), row.getString(17), row.getString(18));
            checkpoints++;
            if (!key.verify(checkpoint.statementBytes(), checkpoint.signature())) {
                return invalid(firstUntrusted(), "the checkpoint at sequence " + sequence + " does not carry a valid "
                        + "signature of the audit key " + key.keyId() + " (forged, altered, or another key)");
            }
            if (!checkpoint.hash().equals(stored)) {
                return invalid(firstUntrusted(), "the signed checkpoint at sequence " + sequence + " does not match "
                        + "the chain: events after the last matching checkpoint were rewritten");
            }
            if (checkpoint.form() == 2 && !checkpoint.follows(previousCheckpoint)) {
                return invalid(firstUntrusted(), "checkpoint continuity: the checkpoint at sequence " + sequence
                        + " names the checkpoint at sequence " + checkpoint.previousSequence() + " as its previous one, "
                        + "but the trail holds " + (previousCheckpoint == null ? "none before it"
                                : "sequence " + previousCheckpoint.sequence() + " (or it differs)")
                        + ": checkpoints were removed or replaced");
            }
            previousCheckpoint = checkpoint;
            lastValid = checkpoint;
            return null;
        }

        /** The last checkpoint this service signed, kept outside the database, must still be in the trail. */
        private ChainVerification lastSignedStillThere() throws SQLException {
            AuditCheckpoint signed = signedOutside.last().orElse(null);
            if (signed == null) {
                return null;
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "select signature from audit_checkpoint where sequence = ?")) {
                select.setLong(1, signed.sequence());
                try (ResultSet row = select.executeQuery()) {
                    if (row.next() && signed.signature().equals(row.getString(1))) {
                        return null;
                    }
                }
            }
            return invalid(Math.min(signed.sequence(), headSequence + 1), "checkpoint continuity: the last checkpoint "
                    + "this service signed (sequence " + signed.sequence() + ", kept outside the database) is no longer "
                    + "in the trail: the trail was cut back or rewritten");
        }

        /** The newest checkpoint before {@code sequence}, the one the first checkpoint in the range must name. */
        private AuditCheckpoint checkpointBefore(long sequence) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("select " + AuditCheckpoints.COLUMNS
                    + " from audit_checkpoint where sequence < ? order by sequence desc limit 1")) {
                select.setLong(1, sequence);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? AuditCheckpoints.checkpoint(row) : null;
                }
            }
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
