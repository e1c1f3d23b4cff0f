package com.erasureworker.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The verdict's row ({@code dixa_contract_verdict}, V34) and the last decided canary run ({@code canary_run}): what
 * every replica reads, so they all answer the same. Reads join the caller's transaction (the claim query's).
 */
@ApplicationScoped
class VerdictStore {

    /** The stored row. {@code checks} holds only definitive answers, {@code attempt} the last attempt's. */
    record Stored(String target, List<ContractCheck> checks, List<ContractCheck> attempt, Instant attemptedAt,
            String transientReason,
            Instant redSince, String acknowledgedRed, ContractVerdict.Acknowledgement acknowledgement) {
    }

    /** The latest canary run that ended PASSED or FAILED (INCONCLUSIVE runs decide nothing). */
    record Canary(String runId, boolean passed, String failure, Instant finishedAt) {
    }

    private static final TypeReference<List<ContractCheck>> CHECKS = new TypeReference<>() { };

    private final EntityManager entityManager;
    private final ObjectMapper json;

    VerdictStore(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    @Transactional
    Optional<Stored> read() {
        List<?> rows = entityManager.createNativeQuery("""
                select target, cast(checks as text), attempted_at, transient_reason, red_since, acknowledged_red,
                       acknowledged_by, acknowledged_at, acknowledged_reason, cast(attempt as text)
                from dixa_contract_verdict where id = 1""").getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        ContractVerdict.Acknowledgement acknowledgement = row[6] == null ? null
                : new ContractVerdict.Acknowledgement((String) row[6], instant(row[7]), (String) row[8]);
        return Optional.of(new Stored((String) row[0], parse((String) row[1]), parse((String) row[9]),
                instant(row[2]), (String) row[3],
                instant(row[4]), (String) row[5], acknowledgement));
    }

    /** Writes the checks and the attempt; an acknowledgement stays (it only applies to the red it names). */
    @Transactional
    void write(String target, List<ContractCheck> checks, List<ContractCheck> attempt, Instant attemptedAt,
            String transientReason, Instant redSince) {
        entityManager.createNativeQuery("""
                insert into dixa_contract_verdict (id, target, checks, attempt, attempted_at, transient_reason, red_since)
                values (1, ?1, cast(?2 as jsonb), cast(?6 as jsonb), ?3, ?4, ?5)
                on conflict (id) do update set target = excluded.target, checks = excluded.checks,
                    attempt = excluded.attempt, attempted_at = excluded.attempted_at,
                    transient_reason = excluded.transient_reason, red_since = excluded.red_since""")
                .setParameter(1, target).setParameter(2, text(checks)).setParameter(3, attemptedAt)
                .setParameter(4, transientReason).setParameter(5, redSince).setParameter(6, text(attempt))
                .executeUpdate();
    }

    /** Records an admin's acknowledgement of the red named by {@code redKey}; joins the caller's transaction. */
    @Transactional
    void acknowledge(String redKey, String by, Instant at, String reason) {
        entityManager.createNativeQuery("""
                update dixa_contract_verdict set acknowledged_red = ?1, acknowledged_by = ?2, acknowledged_at = ?3,
                    acknowledged_reason = ?4 where id = 1""")
                .setParameter(1, redKey).setParameter(2, by).setParameter(3, at).setParameter(4, reason)
                .executeUpdate();
    }

    /** The red an acknowledgement was for is over: a later red of the same checks needs a new one. */
    @Transactional
    void clearAcknowledgement() {
        entityManager.createNativeQuery("""
                update dixa_contract_verdict set acknowledged_red = null, acknowledged_by = null,
                    acknowledged_at = null, acknowledged_reason = null where id = 1 and acknowledged_red is not null""")
                .executeUpdate();
    }

    @Transactional
    Optional<Canary> lastDecidedCanary() {
        List<?> rows = entityManager.createNativeQuery("""
                select cast(id as text), state, failure, finished_at from canary_run
                where state in ('PASSED', 'FAILED') order by finished_at desc limit 1""").getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Canary((String) row[0], "PASSED".equals(row[1]), (String) row[2], instant(row[3])));
    }

    private List<ContractCheck> parse(String text) {
        try {
            return json.readValue(text, CHECKS);
        } catch (JsonProcessingException e) {
            return List.of(); // an unreadable row counts as no verdict yet: the next check writes a fresh one
        }
    }

    private String text(List<ContractCheck> checks) {
        try {
            return json.writeValueAsString(checks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contract checks not writable as JSON", e);
        }
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
