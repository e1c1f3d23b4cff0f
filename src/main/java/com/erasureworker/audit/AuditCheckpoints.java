package com.erasureworker.audit;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.quartz.Nonconcurrent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Signs the chain's head at most every {@code audit.checkpoint-every} (only when it moved) and whenever a certificate
 * asks for it, keeps each checkpoint in {@code audit_checkpoint} and writes it to the log, so a copy also lives outside
 * the database. Signing reads the committed head without locking it: writers never wait for a checkpoint.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

    private final AuditSigningKey key;
    private final EntityManager entityManager;
    private final Clock clock;

    AuditCheckpoints(AuditSigningKey key, EntityManager entityManager, Clock clock) {
        this.key = key;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Nonconcurrent
    @Scheduled(identity = "audit-checkpoint", every = "${audit.checkpoint-every:60s}")
    void scheduled() {
        signHead();
    }

    /** Signs the current head unless it is already signed; empty when the chain is empty or nothing moved. */
    @Transactional
    public Optional<AuditCheckpoint> signHead() {
        Object[] head = (Object[]) entityManager
                .createNativeQuery("select last_sequence, last_hash from audit_chain_head where id = 1")
                .getSingleResult();
        long sequence = ((Number) head[0]).longValue();
        Number latest = (Number) entityManager.createNativeQuery("select max(sequence) from audit_checkpoint")
                .getSingleResult();
        if (sequence == 0 || (latest != null && latest.longValue() >= sequence)) {
            return Optional.empty();
        }
        return Optional.of(sign(sequence, (String) head[1]));
    }

    /** Signs the position {@code (sequence, hash)}, or returns the checkpoint already kept for that sequence. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditCheckpoint sign(long sequence, String hash) {
        Instant signedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        AuditCheckpoint checkpoint = new AuditCheckpoint(sequence, hash, signedAt, key.keyId(), null);
        checkpoint = new AuditCheckpoint(sequence, hash, signedAt, key.keyId(), key.sign(checkpoint.statementBytes()));
        int inserted = entityManager.createNativeQuery("insert into audit_checkpoint (sequence, hash, signed_at, key_id, "
                + "signature) values (?1, ?2, ?3, ?4, ?5) on conflict (sequence) do nothing")
                .setParameter(1, sequence).setParameter(2, hash).setParameter(3, signedAt)
                .setParameter(4, checkpoint.keyId()).setParameter(5, checkpoint.signature()).executeUpdate();
        if (inserted == 0) {
            return at(sequence).orElse(checkpoint);
        }
        LOG.infof("audit checkpoint: sequence %d hash %s signedAt %s key %s signature %s", sequence, hash, signedAt,
                checkpoint.keyId(), checkpoint.signature());
        return checkpoint;
    }

    @Transactional
    public Optional<AuditCheckpoint> latest() {
        return first("select sequence, hash, signed_at, key_id, signature from audit_checkpoint "
                + "order by sequence desc limit 1", null);
    }

    private Optional<AuditCheckpoint> at(long sequence) {
        return first("select sequence, hash, signed_at, key_id, signature from audit_checkpoint where sequence = ?1",
                sequence);
    }

    private Optional<AuditCheckpoint> first(String sql, Long parameter) {
        var query = entityManager.createNativeQuery(sql);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().findFirst().map(row -> new AuditCheckpoint(((Number) row[0]).longValue(), (String) row[1],
                instant(row[2]), (String) row[3], (String) row[4]));
    }

    static final String COLUMNS = "sequence, hash, signed_at, key_id, signature";

    /** The checkpoint of a row selected with {@link #COLUMNS}. */
    static AuditCheckpoint checkpoint(java.sql.ResultSet row) throws java.sql.SQLException {
        return new AuditCheckpoint(row.getLong(1), row.getString(2), row.getObject(3, OffsetDateTime.class).toInstant(),
                row.getString(4), row.getString(5));
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
