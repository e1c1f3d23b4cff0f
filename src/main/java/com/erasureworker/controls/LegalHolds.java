package com.erasureworker.controls;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.erasure.SubjectType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.privacy.Redaction;
import com.erasureworker.erasure.TicketConflictException;
import com.erasureworker.privacy.KeyedHash;
import com.erasureworker.webhook.Outbox;
import com.erasureworker.webhook.WebhookEventType;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Places, releases and reads legal holds. Placing and releasing are each one method, one transaction, one audit event
 * (the place a notification hook belongs). Releasing makes the hold's ON_HOLD targets due at once, so they continue
 * within a tick; a hold that reaches its end date is noticed at the targets' next look ({@link HoldLookup}).
 */
@ApplicationScoped
public class LegalHolds {

    private final AuditTrail audit;
    private final KeyedHash fingerprint;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Outbox outbox;
    private final Event<LegalHoldReleased> released;
    private final EndUserResolution resolution;

    LegalHolds(AuditTrail audit, KeyedHash fingerprint, EntityManager entityManager, Clock clock,
            Outbox outbox, Event<LegalHoldReleased> released, EndUserResolution resolution) {
        this.resolution = resolution;
        this.outbox = outbox;
        this.released = released;
        this.audit = audit;
        this.fingerprint = fingerprint;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Places a hold. An e-mail or phone is first resolved to Dixa end users (outside any transaction), and the hold
     * keeps them by id ({@code legal_hold_end_user}), so their conversations are held in every ticket kind and in
     * sweeps; one Dixa knows no end user for is refused (422), as one Dixa cannot be asked about (503).
     */
    public LegalHoldView place(byte[] body, String actor) {
        LegalHoldBody request = LegalHoldBody.read(body, fingerprint, Instant.now(clock));
        List<UUID> endUsers = List.of();
        SubjectType type = request.subject().type();
        if (type == SubjectType.EMAIL || type == SubjectType.PHONE) {
            endUsers = resolution.endUsers(request.subject().subject());
            if (endUsers.isEmpty()) {
                throw unresolved(type);
            }
        }
        List<UUID> resolved = endUsers;
        return QuarkusTransaction.requiringNew().call(() -> store(request, resolved, actor));
    }

    private static ProblemException unresolved(SubjectType type) {
        String field = type == SubjectType.EMAIL ? "subject.email" : "subject.phone";
        String reason = "Dixa knows no end user with this " + (type == SubjectType.EMAIL ? "e-mail" : "phone number")
                + ", so the hold could keep nothing; check the value, or hold the end user or conversations by id";
        return new ProblemException(Problem.of(422, "hold-unresolved", "Legal hold not resolved at Dixa",
                reason + ". Nothing was recorded.", List.of(new Problem.FieldError(field, reason))));
    }

    private LegalHoldView store(LegalHoldBody request, List<UUID> endUsers, String actor) {
        Instant now = Instant.now(clock);
        LegalHold hold = new LegalHold();
        hold.id = UUID.randomUUID();
        hold.subjectType = request.subject().type().name();
        hold.endUserId = request.subject().endUserId();
        hold.subjectHash = request.subject().subjectHash();
        hold.reason = Redaction.scrub(request.reason());
        hold.endsAt = request.endsAt();
        hold.createdBy = actor;
        hold.createdAt = now;
        hold.persist();
        LegalHold.flush();
        HoldEndUsers.add(entityManager, hold.id, endUsers, now);
        for (Long conversationId : request.subject().conversationIds()) {
            entityManager.createNativeQuery("insert into legal_hold_conversation (hold_id, conversation_id) values (?1, ?2)")
                    .setParameter(1, hold.id).setParameter(2, conversationId).executeUpdate();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("holdId", hold.id.toString());
        detail.put("subjectType", hold.subjectType);
        if (hold.endUserId != null) {
            detail.put("endUserId", hold.endUserId.toString());
        }
        if (hold.subjectHash != null) {
            detail.put("subjectHash", hold.subjectHash);
        }
        detail.put("conversations", request.subject().conversationIds().size());
        if (!endUsers.isEmpty()) {
            detail.put("resolvedEndUsers", endUsers.stream().map(UUID::toString).toList());
        }
        detail.put("endsAt", hold.endsAt == null ? "until released" : hold.endsAt.toString());
        detail.put("reasonHash", fingerprint.keyedHash(request.reason()));
        audit.record(AuditType.LEGAL_HOLD_PLACED, actor, null, null, detail);
        outbox.publish(WebhookEventType.LEGAL_HOLD_PLACED, null, holdEvent(hold));
        return view(hold);
    }

    @Transactional
    public LegalHoldView release(UUID id, String reason, String actor) {
        LegalHold hold = find(id);
        Instant now = Instant.now(clock);
        if (!hold.activeAt(now)) {
            throw new TicketConflictException("state", hold.releasedAt != null
                    ? "the hold was already released at " + hold.releasedAt : "the hold already ended at " + hold.endsAt);
        }
        hold.releasedAt = now;
        hold.releasedBy = actor;
        hold.releaseReason = Redaction.scrub(reason);
        // Its targets look again now: the pipeline observes the release in this transaction and wakes them through the
        // target lifecycle; without another active hold they continue (ON_HOLD --HoldLifted--> PENDING).
        released.fire(new LegalHoldReleased(id));
        audit.record(AuditType.LEGAL_HOLD_RELEASED, actor, null, null, Map.of("holdId", id.toString(),
                "reasonHash", fingerprint.keyedHash(reason)));
        outbox.publish(WebhookEventType.LEGAL_HOLD_RELEASED, null, holdEvent(hold));
        return view(hold);
    }

    /** What a webhook says about a hold: ids and dates, never the subject's hash or the reason text. */
    private static Map<String, Object> holdEvent(LegalHold hold) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("holdId", hold.id.toString());
        data.put("subjectType", hold.subjectType);
        data.put("endsAt", hold.endsAt == null ? null : hold.endsAt.toString());
        data.put("releasedAt", hold.releasedAt == null ? null : hold.releasedAt.toString());
        return data;
    }

    @Transactional
    public LegalHoldView one(UUID id) {
        return view(find(id));
    }

    public record HoldPage(List<LegalHoldView> items, int page, int size, long total) {
    }

    @Transactional
    public HoldPage list(boolean activeOnly, int page, int size) {
        Instant now = Instant.now(clock);
        var query = activeOnly
                ? LegalHold.<LegalHold>find("releasedAt is null and (endsAt is null or endsAt > ?1)",
                        Sort.descending("createdAt").and("id"), now)
                : LegalHold.<LegalHold>findAll(Sort.descending("createdAt").and("id"));
        query.page(Page.of(page, size));
        return new HoldPage(query.list().stream().map(this::view).toList(), page, size, query.count());
    }

    private static LegalHold find(UUID id) {
        LegalHold hold = LegalHold.findById(id);
        if (hold == null) {
            throw ProblemException.notFound("No legal hold " + id + ".");
        }
        return hold;
    }

    private LegalHoldView view(LegalHold hold) {
        @SuppressWarnings("unchecked")
        List<Long> conversations = entityManager.createNativeQuery("select conversation_id from legal_hold_conversation "
                + "where hold_id = ?1 order by conversation_id limit 1000", Long.class).setParameter(1, hold.id)
                .getResultList();
        long onHold = ((Number) entityManager.createNativeQuery(
                "select count(*) from erasure_target where hold_id = ?1 and state = 'ON_HOLD'")
                .setParameter(1, hold.id).getSingleResult()).longValue();
        return new LegalHoldView(hold.id, hold.subjectType, hold.endUserId, hold.subjectHash,
                conversations.isEmpty() ? null : conversations, hold.reason, hold.endsAt,
                hold.activeAt(Instant.now(clock)), hold.createdBy, hold.createdAt, hold.releasedBy, hold.releasedAt,
                hold.releaseReason, onHold);
    }
}
