package com.erasureworker.controls;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.DixaWriteGate;
import com.erasureworker.privacy.Redaction;
import com.erasureworker.privacy.KeyedHash;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import com.erasureworker.webhook.Outbox;
import com.erasureworker.webhook.WebhookEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The emergency pause, stored in the database ({@code processing_control}) so every replica honours it. Two places
 * read it: the claim query (per claim, in SQL: no target is picked while paused) and {@link DixaWriteGate} just
 * before each Dixa write (through a cache refreshed at most every {@link #REFRESH}, so a worker already in a step
 * stops before its next write). Pausing and resuming are each one method, one transaction, one audit event.
 */
@ApplicationScoped
public class ProcessingPause implements DixaWriteGate {

    /** Well under the 2 s the pause promises, leaving room for a write already on the wire. */
    static final Duration REFRESH = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(ProcessingPause.class);

    private final AgroalDataSource dataSource;
    private final EntityManager entityManager;
    private final AuditTrail audit;
    private final Clock clock;
    private final MeterRegistry registry;
    private final KeyedHash fingerprint;
    private final Outbox outbox;
    private volatile boolean cached;
    private final AtomicLong generation = new AtomicLong();
    private volatile long readAtNanos = Long.MIN_VALUE / 2;

    ProcessingPause(AgroalDataSource dataSource, EntityManager entityManager, AuditTrail audit, Clock clock,
            MeterRegistry registry, KeyedHash fingerprint, Outbox outbox) {
        this.fingerprint = fingerprint;
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.audit = audit;
        this.clock = clock;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("erasure.processing.paused", this, pause -> pause.paused() ? 1 : 0)
                .description("1 while processing is paused (no Dixa write from any replica), else 0")
                .register(registry);
    }

    /** The pause as every page and answer shows it. */
    public record State(boolean paused, String reason, String changedBy, Instant changedAt) {
    }

    /** Whether writes must not go out now; a database error counts as paused (fail safe: no write while unsure). */
    @Override
    public boolean paused() {
        long now = System.nanoTime();
        if (now - readAtNanos < REFRESH.toNanos()) {
            return cached;
        }
        long before = generation.get();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select paused from processing_control where id = 1")) {
            boolean paused = row.next() && row.getBoolean(1);
            if (generation.get() == before) {
                cached = paused;
                readAtNanos = now;
            }
            return paused;
        } catch (SQLException e) {
            LOG.warnf("the pause switch could not be read (%s): no Dixa write until it can", e.getClass().getSimpleName());
            return true;
        }
    }

    @Transactional
    public State state() {
        Object[] row = (Object[]) entityManager.createNativeQuery(
                "select paused, reason, changed_by, changed_at from processing_control where id = 1").getSingleResult();
        return new State((Boolean) row[0], (String) row[1], (String) row[2], (Instant) row[3]);
    }

    /** Pauses every replica; pausing again only updates the reason. */
    public State pause(String reason, String actor) {
        return committed(() -> change(true, reason, actor, AuditType.PROCESSING_PAUSED));
    }

    public State resume(String reason, String actor) {
        return committed(() -> change(false, reason, actor, AuditType.PROCESSING_RESUMED));
    }

    /**
     * Commits the change in its own transaction, then sets this replica's cache to it. Resetting the cache inside the
     * transaction let a concurrent {@link #paused()} re-read the old value before the commit and keep it for
     * {@link #REFRESH}; the generation makes a read that began before the change discard what it read.
     */
    private State committed(Supplier<State> change) {
        State state = QuarkusTransaction.requiringNew().call(change::get);
        generation.incrementAndGet();
        cached = state.paused();
        readAtNanos = System.nanoTime();
        return state;
    }

    private State change(boolean paused, String reason, String actor, AuditType type) {
        Instant now = Instant.now(clock);
        String scrubbed = reason == null ? null : Redaction.scrub(reason);
        entityManager.createNativeQuery("""
                update processing_control set paused = ?1, reason = ?2, changed_by = ?3, changed_at = ?4 where id = 1""")
                .setParameter(1, paused).setParameter(2, scrubbed).setParameter(3, actor).setParameter(4, now)
                .executeUpdate();
        // The reason is free text: the immutable chain carries its keyed hash; the text stays on the switch's row.
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("paused", paused);
        if (reason != null) {
            detail.put("reasonHash", fingerprint.keyedHash(reason));
        }
        audit.record(type, actor, null, null, detail);
        // Same transaction: the event goes out exactly when the switch is committed. No reason text (free text).
        outbox.publish(paused ? WebhookEventType.PROCESSING_PAUSED : WebhookEventType.PROCESSING_RESUMED, null,
                Map.of("paused", paused, "changedAt", now.toString()));
        return new State(paused, scrubbed, actor, now);
    }
}
