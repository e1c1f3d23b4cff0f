package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.erasure.AnonymizationObservation;
import com.erasureworker.erasure.ErasureTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Persists every AnonymizationRequestStatus seen: a new row (and a STATUS_OBSERVED audit event) when it differs from
 * the last one seen for that Dixa request, otherwise only the count and time of identical sightings.
 */
@ApplicationScoped
class StatusObservations {

    private final AuditTrail audit;

    StatusObservations(AuditTrail audit) {
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void observe(ErasureTarget target, AnonymizationRequestStatus status, Instant now) {
        AnonymizationObservation last = AnonymizationObservation
                .find("targetId = ?1 and dixaRequestId = ?2 order by id desc", target.id, status.id()).firstResult();
        if (last != null && Objects.equals(last.processedAt, status.processedAt())
                && Objects.equals(last.initiatedAt, status.initiatedAt())) {
            last.timesObserved++;
            last.lastObservedAt = now;
            return;
        }
        AnonymizationObservation observation = new AnonymizationObservation();
        observation.targetId = target.id;
        observation.dixaRequestId = status.id();
        observation.entityType = status.type();
        observation.targetEntityId = status.targetEntityId();
        observation.requestedBy = status.requestedBy();
        observation.initiatedAt = status.initiatedAt();
        observation.processedAt = status.processedAt();
        observation.firstObservedAt = now;
        observation.lastObservedAt = now;
        observation.timesObserved = 1;
        observation.persist();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("dixaRequestId", status.id().toString());
        detail.put("entityType", status.type());
        detail.put("initiatedAt", String.valueOf(status.initiatedAt()));
        detail.put("processedAt", String.valueOf(status.processedAt()));
        audit.record(AuditType.STATUS_OBSERVED, AuditTrail.SYSTEM, target.requestId, target.id, detail);
    }
}
