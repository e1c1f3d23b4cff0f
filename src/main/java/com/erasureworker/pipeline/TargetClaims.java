package com.erasureworker.pipeline;

import com.erasureworker.contract.DixaContract;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands out due targets to one worker at a time across replicas: {@code FOR UPDATE SKIP LOCKED} picks a row nobody
 * else is claiming, and each claim gets its own token and a lease. A replica that dies mid-step lets its lease run out;
 * the next claim then picks the target up with a new token, so the dead claim's late save is discarded.
 *
 * <p>Order: DPO tickets (priority 0) before sweeps; within a priority, work that finishes tickets first (a due
 * verification read before waiting-for-close rechecks before PENDING targets), then by due time. No new (PENDING)
 * target is started until the Dixa contract self-check has passed, except a canary's, which is how it is proven.
 * Nothing is claimed while processing is paused (read here per claim, from the database every replica shares), nor
 * for a ticket awaiting approval (only IN_PROGRESS tickets are worked); ON_HOLD targets are claimed to look again at
 * their hold. The index erasure_target_claim_order_idx (V21) has exactly this order (the CASE expression included),
 * so a claim reads from its front instead of every target of a large ticket; keep the two identical. The lease itself
 * is written by {@link ErasureLifecycle#lease} and {@link ErasureLifecycle#renewLease}.
 */
@ApplicationScoped
class TargetClaims {

    private static final String DUE = """
            select t.id from erasure_target t join erasure_request r on r.id = t.request_id
            where t.state in ('PENDING', 'ON_HOLD', 'WAITING_FOR_CLOSE', 'VERIFYING')
              and t.next_attempt_at <= :now
              and (t.lease_until is null or t.lease_until < :now)
              and r.state = 'IN_PROGRESS'
              and not exists (select 1 from processing_control where paused)
              and (t.state <> 'PENDING' or :newWork or r.source = 'CANARY')
            order by t.priority,
                     case t.state when 'VERIFYING' then 0 when 'WAITING_FOR_CLOSE' then 1 else 2 end,
                     t.next_attempt_at
            limit 1
            for update of t skip locked
            """;

    private final EntityManager entityManager;
    private final WorkerConfig config;
    private final Clock clock;
    private final DixaContract contract;
    private final ErasureLifecycle lifecycle;

    TargetClaims(EntityManager entityManager, WorkerConfig config, Clock clock, DixaContract contract,
            ErasureLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.contract = contract;
    }

    @Transactional
    Optional<Lease> claimOne(String owner) {
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery(DUE, UUID.class).setParameter("now", now)
                .setParameter("newWork", contract.allowsNewWork()).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Instant until = now.plus(config.leaseDuration());
        UUID token = lifecycle.lease(ids.get(0), owner, until);
        return Optional.of(new Lease(ids.get(0), token, until, this, config.leaseDuration(), clock));
    }

    /** Extends a claim's lease (and optionally marks the anonymize request); false when the claim is no longer held. */
    boolean renew(UUID targetId, UUID token, Instant until, boolean markRequested) {
        return lifecycle.renewLease(targetId, token, until, markRequested);
    }
}
