package com.erasureworker.controls;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The end users an e-mail or phone hold resolved to ({@code legal_hold_end_user}): ids only, never the address. */
final class HoldEndUsers {

    private HoldEndUsers() {
    }

    /** Adds ids not yet kept; returns how many were new. */
    static int add(EntityManager entityManager, UUID holdId, List<UUID> endUsers, Instant now) {
        int added = 0;
        for (UUID endUser : endUsers) {
            added += entityManager.createNativeQuery("insert into legal_hold_end_user (hold_id, end_user_id, found_at) "
                    + "values (?1, ?2, ?3) on conflict do nothing").setParameter(1, holdId).setParameter(2, endUser)
                    .setParameter(3, now).executeUpdate();
        }
        return added;
    }
}
