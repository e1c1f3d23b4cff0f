package com.erasureworker.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Gives a claim back on shutdown, so another replica may claim the target at once instead of after the lease runs out.
 * The claim token goes too: the stopping worker's late save, crash record or heartbeat no longer matches (fenced, as
 * when a lease runs out), and it stops before its next Dixa call. Only the claim it names: a target already claimed
 * anew is left alone.
 */
@ApplicationScoped
class LeaseHandBack {

    private final EntityManager entityManager;

    LeaseHandBack(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean release(UUID targetId, UUID token) {
        return entityManager.createNativeQuery("""
                update erasure_target set lease_until = null, lease_owner = null, claim_token = null
                where id = :id and claim_token = :token
                """).setParameter("id", targetId).setParameter("token", token).executeUpdate() == 1;
    }
}
