package com.erasureworker.evidence;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.ActivityLogEntry;
import com.erasureworker.erasure.CoveredConversation;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The database side of evidence capture: which tickets still owe evidence, what to read, and saving it in one go. */
@ApplicationScoped
class EvidenceRecorder {

    private final AuditTrail audit;
    private final Clock clock;

    EvidenceRecorder(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** Completed tickets without evidence yet, oldest completion first. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<UUID> due(int limit) {
        return Panache.getEntityManager().createNativeQuery("select r.id from erasure_request r "
                + "where r.state = 'COMPLETED' and not exists (select 1 from evidence_capture c where c.request_id = r.id) "
                + "order by r.completed_at, r.id limit ?1", UUID.class).setParameter(1, limit).getResultList();
    }

    /**
     * The conversations the ticket erased, each once: CONVERSATION and MESSAGE targets name theirs, a USER target the
     * conversations Dixa listed for the user before anonymizing.
     */
    @Transactional
    List<ConversationLog.Wanted> conversationsOf(UUID requestId) {
        Map<Long, UUID> wanted = new LinkedHashMap<>();
        for (ErasureTarget target : ErasureTarget.<ErasureTarget>list("requestId = ?1 and state = ?2 order by createdAt, id",
                requestId, TargetState.DONE)) {
            if (target.type == TargetType.USER) {
                CoveredConversation.of(target.id).forEach(c -> wanted.putIfAbsent(c.conversationId, target.id));
            } else if (target.conversationId != null) {
                wanted.putIfAbsent(target.conversationId, target.id);
            }
        }
        List<ConversationLog.Wanted> list = new ArrayList<>();
        wanted.forEach((conversation, target) -> list.add(new ConversationLog.Wanted(conversation, target)));
        return list;
    }

    /** Saves the evidence with the Dixa calls it took and EVIDENCE_CAPTURED; false when it was already saved. */
    @Transactional
    boolean save(UUID requestId, List<ConversationLog> logs) {
        recordCalls(requestId, logs);
        if (CapturedEvidence.findById(requestId) != null) {
            return false;
        }
        CapturedEvidence captured = new CapturedEvidence();
        captured.requestId = requestId;
        captured.capturedAt = Instant.now(clock);
        captured.conversations = logs.size();
        captured.entries = logs.stream().mapToInt(log -> log.entries().size()).sum();
        captured.persist();
        for (ConversationLog log : logs) {
            ConversationEvidence conversation = new ConversationEvidence();
            conversation.requestId = requestId;
            conversation.conversationId = log.conversationId();
            conversation.targetId = log.targetId();
            conversation.outcome = log.outcome();
            conversation.entries = log.entries().size();
            conversation.persist();
        }
        // Entries get their ids from the database on insert: their conversations must be in the database first.
        Panache.getEntityManager().flush();
        for (ConversationLog log : logs) {
            for (ActivityLogEntry entry : log.entries()) {
                ActivityEvidence activity = new ActivityEvidence();
                activity.requestId = requestId;
                activity.conversationId = log.conversationId();
                activity.entryId = entry.id();
                activity.type = entry.type() == null ? "unknown" : entry.type().substring(0, Math.min(100, entry.type().length()));
                activity.activityAt = entry.activityTimestamp();
                activity.authorId = authorId(entry);
                activity.persist();
            }
        }
        long unavailable = logs.stream().filter(log -> !ConversationEvidence.CAPTURED.equals(log.outcome())).count();
        audit.record(AuditType.EVIDENCE_CAPTURED, AuditTrail.SYSTEM, requestId, null, Map.of(
                "conversations", captured.conversations, "entries", captured.entries, "unavailable", unavailable));
        return true;
    }

    /** The calls of a capture that could not finish (Dixa unavailable): audited all the same, retried later. */
    @Transactional
    void recordCalls(UUID requestId, List<ConversationLog> logs) {
        for (ConversationLog log : logs) {
            audit.recordCalls(log.calls(), requestId, log.targetId());
        }
    }

    /** Dixa's author id: a uuid as is; anything else scrubbed of what looks like an e-mail or phone, at most 100 chars. */
    private static String authorId(ActivityLogEntry entry) {
        if (entry.author() == null || entry.author().id() == null) {
            return null;
        }
        String id = entry.author().id();
        if (id.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")) {
            return id.toLowerCase(java.util.Locale.ROOT);
        }
        String scrubbed = com.erasureworker.dixa.Redaction.scrub(id);
        return scrubbed.length() <= 100 ? scrubbed : scrubbed.substring(0, 100);
    }
}
