package com.erasureworker.controls;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The daily re-resolution of e-mail and phone holds: Dixa may have end users with a held address that did not exist
 * when the hold was placed (a new profile, an address added). The address is no longer known (only its keyed hash),
 * so Dixa's end users are listed and each address hashed and compared; new matches are added to the hold and audited
 * ({@code LEGAL_HOLD_RESOLVED}). Ids are only ever added: a person once held stays held until the hold ends.
 */
@ApplicationScoped
public class HoldResolution {

    private static final Logger LOG = Logger.getLogger(HoldResolution.class);

    private final EndUserResolution resolution;
    private final EntityManager entityManager;
    private final AuditTrail audit;
    private final Clock clock;

    HoldResolution(EndUserResolution resolution, EntityManager entityManager, AuditTrail audit, Clock clock) {
        this.resolution = resolution;
        this.entityManager = entityManager;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(identity = "legal-hold-re-resolution", cron = "${legal-holds.re-resolution-cron:0 15 4 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        LOG.infof("legal hold re-resolution: %d end users added", reresolve());
    }

    /** One re-resolution now; answers how many (hold, end user) pairs were added. Dixa is asked only if needed. */
    public int reresolve() {
        Map<String, List<UUID>> holdsByHash = QuarkusTransaction.requiringNew().call(this::activeAddressHolds);
        if (holdsByHash.isEmpty()) {
            return 0;
        }
        Map<String, Set<UUID>> found = resolution.endUsersByKeyedHash(holdsByHash.keySet());
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now(clock);
            int added = 0;
            for (Map.Entry<String, List<UUID>> entry : holdsByHash.entrySet()) {
                List<UUID> users = new ArrayList<>(found.getOrDefault(entry.getKey(), Set.of()));
                for (UUID hold : entry.getValue()) {
                    List<UUID> fresh = users.stream().filter(user -> HoldEndUsers.add(entityManager, hold,
                            List.of(user), now) > 0).toList();
                    if (!fresh.isEmpty()) {
                        Map<String, Object> detail = new LinkedHashMap<>();
                        detail.put("holdId", hold.toString());
                        detail.put("addedEndUsers", fresh.stream().map(UUID::toString).toList());
                        audit.record(AuditType.LEGAL_HOLD_RESOLVED, AuditTrail.SYSTEM, null, null, detail);
                        added += fresh.size();
                    }
                }
            }
            return added;
        });
    }

    private Map<String, List<UUID>> activeAddressHolds() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select h.subject_hash, h.id from legal_hold h "
                + "where h.subject_type in ('EMAIL', 'PHONE') and h.subject_hash is not null and h.released_at is null "
                + "and (h.ends_at is null or h.ends_at > ?1)").setParameter(1, Instant.now(clock)).getResultList();
        Map<String, List<UUID>> byHash = new HashMap<>();
        rows.forEach(row -> byHash.computeIfAbsent((String) row[0], key -> new ArrayList<>()).add((UUID) row[1]));
        return byHash;
    }
}
