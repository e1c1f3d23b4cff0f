package com.erasureworker.audit;

import io.quarkus.quartz.Nonconcurrent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Signs the chain's head at most every {@code audit.checkpoint-every} (only when it moved) and whenever a certificate
 * asks for it. Each checkpoint names the one before it and is appended through {@code audit_append_checkpoint} (the
 * database checks the link) together with its audit.checkpoint webhook; once committed it goes to the log and to the
 * {@link CheckpointLog} outside the database; auditors download them all from {@code GET …/audit-events/checkpoints}. The signer refuses to sign a head that does
 * not descend from the last checkpoint it signed: a trail cut back by the database's owner is not signed over.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);
    static final String COLUMNS = "sequence, hash, signed_at, key_id, signature, form, previous_sequence, "
            + "previous_hash, previous_signature";

    /** The signer would not sign: the chain does not descend from the last checkpoint it signed. */
    public static final class RewindRefused extends IllegalStateException {
        RewindRefused(String message) {
            super(message);
        }
    }

    private final AuditSigningKey key;
    private final EntityManager entityManager;
    private final Clock clock;
    private final CheckpointLog log;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<CheckpointSigned> signedEvents;

    AuditCheckpoints(AuditSigningKey key, EntityManager entityManager, Clock clock, CheckpointLog log,
            TransactionSynchronizationRegistry transactions, Event<CheckpointSigned> signedEvents) {
        this.key = key;
        this.entityManager = entityManager;
        this.clock = clock;
        this.log = log;
        this.transactions = transactions;
        this.signedEvents = signedEvents;
    }

    @Nonconcurrent
    @Scheduled(identity = "audit-checkpoint", every = "${audit.checkpoint-every:60s}")
    void scheduled() {
        try {
            signHead();
        } catch (RewindRefused e) {
            LOG.error(e.getMessage());
        }
    }

    /** Signs the current head unless it is already signed; empty when the chain is empty or nothing moved. */
    @Transactional
    public Optional<AuditCheckpoint> signHead() {
        Object[] head = (Object[]) entityManager
                .createNativeQuery("select last_sequence, last_hash from audit_chain_head where id = 1")
                .getSingleResult();
        long sequence = ((Number) head[0]).longValue();
        Optional<AuditCheckpoint> latest = latest();
        if (sequence == 0 || (latest.isPresent() && latest.get().sequence() >= sequence)) {
            return Optional.empty();
        }
        return Optional.of(sign(sequence, (String) head[1]));
    }

    /**
     * Signs the position {@code (sequence, hash)} linked to the newest checkpoint, or returns the checkpoint already
     * kept for that sequence. Refuses ({@link RewindRefused}) when the chain lost the last checkpoint this service
     * signed or no longer leads from it to {@code sequence}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditCheckpoint sign(long sequence, String hash) {
        Optional<AuditCheckpoint> existing = at(sequence);
        if (existing.isPresent() && existing.get().hash().equals(hash)) {
            return existing.get();
        }
        AuditCheckpoint previous = latest().orElse(null);
        descendsFromLastSigned(previous, sequence, hash);
        Instant signedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        AuditCheckpoint unsigned = AuditCheckpoint.linked(sequence, hash, signedAt, key.keyId(), null, previous);
        AuditCheckpoint checkpoint = unsigned.signed(key.sign(unsigned.statementBytes()));
        Boolean inserted = (Boolean) entityManager.createNativeQuery(
                "select audit_append_checkpoint(cast(?1 as bigint), cast(?2 as varchar), cast(?3 as timestamptz), "
                + "cast(?4 as varchar), cast(?5 as varchar), cast(?6 as bigint), cast(?7 as varchar), "
                + "cast(?8 as varchar))")
                .setParameter(1, sequence).setParameter(2, hash).setParameter(3, signedAt)
                .setParameter(4, checkpoint.keyId()).setParameter(5, checkpoint.signature())
                .setParameter(6, checkpoint.previousSequence()).setParameter(7, checkpoint.previousHash())
                .setParameter(8, checkpoint.previousSignature()).getSingleResult();
        if (!inserted) {
            return at(sequence).orElse(checkpoint);
        }
        // Observed in this transaction (webhook/AuditChainAlerts publishes audit.checkpoint with it).
        signedEvents.fire(new CheckpointSigned(webhookData(checkpoint)));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    published(checkpoint);
                }
            }
        });
        return checkpoint;
    }

    /** The checkpoint as subscribers receive it: everything needed to check its signature and its link. */
    private static Map<String, Object> webhookData(AuditCheckpoint checkpoint) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sequence", checkpoint.sequence());
        data.put("hash", checkpoint.hash());
        data.put("signedAt", checkpoint.signedAt().toString());
        data.put("keyId", checkpoint.keyId());
        data.put("signature", checkpoint.signature());
        data.put("form", checkpoint.form());
        data.put("previousSequence", checkpoint.previousSequence());
        data.put("previousHash", checkpoint.previousHash());
        data.put("previousSignature", checkpoint.previousSignature());
        data.put("statement", checkpoint.statement());
        return data;
    }

    private void published(AuditCheckpoint checkpoint) {
        LOG.infof("audit checkpoint: sequence %d hash %s signedAt %s key %s signature %s previousSequence %d",
                checkpoint.sequence(), checkpoint.hash(), checkpoint.signedAt(), checkpoint.keyId(),
                checkpoint.signature(), checkpoint.previousSequence());
        log.append(checkpoint);
    }

    /**
     * The last checkpoint this service signed must still be in the database as it was signed, and the chain must run
     * unbroken from it to {@code (sequence, hash)}: stored links only, a cheap walk over the events since then.
     */
    private void descendsFromLastSigned(AuditCheckpoint newest, long sequence, String hash) {
        AuditCheckpoint signed = log.last().orElse(null);
        if (signed == null) {
            return;
        }
        Optional<AuditCheckpoint> kept = at(signed.sequence());
        if (kept.isEmpty() || !kept.get().signature().equals(signed.signature()) || newest == null
                || newest.sequence() < signed.sequence()) {
            throw new RewindRefused("audit checkpoint refused: the last checkpoint this service signed (sequence "
                    + signed.sequence() + ") is no longer in the audit trail: it was cut back or rewritten");
        }
        if (sequence < signed.sequence()) {
            throw new RewindRefused("audit checkpoint refused: the chain head " + sequence + " lies before the last "
                    + "checkpoint this service signed (" + signed.sequence() + "): the trail was rewound");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> links = entityManager.createNativeQuery("select sequence, previous_hash, hash from audit_event "
                + "where sequence between ?1 and ?2 order by sequence")
                .setParameter(1, signed.sequence()).setParameter(2, sequence).getResultList();
        long expected = signed.sequence();
        String previous = null;
        for (Object[] link : links) {
            boolean linked = ((Number) link[0]).longValue() == expected
                    && (previous == null ? signed.hash().equals(link[2]) : previous.equals(link[1]));
            if (!linked) {
                throw new RewindRefused("audit checkpoint refused: the chain does not lead from the last checkpoint "
                        + "this service signed (sequence " + signed.sequence() + ") to sequence " + sequence);
            }
            previous = (String) link[2];
            expected++;
        }
        if (expected != sequence + 1 || !hash.equals(previous)) {
            throw new RewindRefused("audit checkpoint refused: the chain does not lead from the last checkpoint this "
                    + "service signed (sequence " + signed.sequence() + ") to sequence " + sequence);
        }
    }

    @Transactional
    public Optional<AuditCheckpoint> latest() {
        return first("select " + COLUMNS + " from audit_checkpoint order by sequence desc limit 1", null);
    }

    private Optional<AuditCheckpoint> at(long sequence) {
        return first("select " + COLUMNS + " from audit_checkpoint where sequence = ?1", sequence);
    }

    private Optional<AuditCheckpoint> first(String sql, Long parameter) {
        var query = entityManager.createNativeQuery(sql);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().findFirst().map(row -> checkpoint(((Number) row[0]).longValue(), (String) row[1],
                instant(row[2]), (String) row[3], (String) row[4], ((Number) row[5]).intValue(), (Number) row[6],
                (String) row[7], (String) row[8]));
    }

    /** The checkpoint of a row selected with {@link #COLUMNS}. */
    static AuditCheckpoint checkpoint(ResultSet row) throws SQLException {
        return checkpoint(row.getLong(1), row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant(),
                row.getString(4), row.getString(5), row.getInt(6), (Number) row.getObject(7), row.getString(8),
                row.getString(9));
    }

    private static AuditCheckpoint checkpoint(long sequence, String hash, Instant signedAt, String keyId,
            String signature, int form, Number previousSequence, String previousHash, String previousSignature) {
        if (form == 1) {
            return new AuditCheckpoint(sequence, hash, signedAt, keyId, signature);
        }
        return AuditCheckpoint.linked(sequence, hash, signedAt, keyId, signature, previousSequence.longValue(),
                previousHash, previousSignature);
    }

    static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
