package com.erasureworker.pipeline;

import com.erasureworker.contract.DixaContract;
import com.erasureworker.erasure.ErasureTarget;
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
 * else is claiming, and a lease with expiry marks it taken. A replica that dies mid-step simply lets its lease run out;
 * the next claim after that picks the target up again. DPO tickets (priority 0) come before sweeps. No new (PENDING)
 * target is started until the Dixa contract self-check has passed, except a canary's, which is how it is proven.
 */
@ApplicationScoped
class TargetClaims {

    private static final String DUE = """
            select t.id from erasure_target t join erasure_request r on r.id = t.request_id
            where t.state in ('PENDING', 'WAITING_FOR_CLOSE', 'VERIFYING')
              and t.next_attempt_at <= :now
              and (t.lease_until is null or t.lease_until < :now)
              and r.state = 'IN_PROGRESS'
              and (t.state <> 'PENDING' or :newWork or r.source = 'CANARY')
            order by t.priority, t.next_attempt_at
            limit 1
            for update of t skip locked
            """;

    private final EntityManager entityManager;
    private final WorkerConfig config;
    private final Clock clock;
    private final DixaContract contract;

    TargetClaims(EntityManager entityManager, WorkerConfig config, Clock clock, DixaContract contract) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.contract = contract;
    }

    @Transactional
    Optional<UUID> claimOne(String owner) {
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery(DUE, UUID.class).setParameter("now", now)
                .setParameter("newWork", contract.allowsNewWork()).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        ErasureTarget target = entityManager.find(ErasureTarget.class, ids.get(0));
        target.leaseOwner = owner;
        target.leaseUntil = now.plus(config.leaseDuration());
        return Optional.of(target.id);
    }
}
