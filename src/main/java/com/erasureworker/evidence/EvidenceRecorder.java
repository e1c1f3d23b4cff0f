package com.erasureworker.evidence;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.ActivityLogEntry;
import com.erasureworker.erasure.CoveredConversation;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.sweep.SweepConfig;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The database side of evidence capture: which tickets still owe evidence, what to read, and saving it in one go. */
@ApplicationScoped
class EvidenceRecorder {

    /** Rows per JDBC batch: one round trip per thousand rows. */
    private static final int BATCH = 1000;

    private final AuditTrail audit;
    private final Clock clock;
    private final EvidenceConfig config;
    private final SweepConfig sweep;

    EvidenceRecorder(AuditTrail audit, Clock clock, EvidenceConfig config, SweepConfig sweep) {
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.sweep = sweep;
    }

    /**
     * Completed tickets without evidence yet: DPO tickets first, then oldest completion first. Read from a partial
     * index holding only those tickets (V15), so the cost of asking does not grow with the completed history.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    List<UUID> due(int limit) {
        return Panache.getEntityManager().createNativeQuery("select r.id from erasure_request r "
                + "where r.state = 'COMPLETED' and not r.evidence_captured "
                + "order by case when r.source = 'DPO' then 0 else 1 end, r.completed_at, r.id limit ?1", UUID.class)
                .setParameter(1, limit).getResultList();
    }

    /**
     * The conversations the ticket erased, each once: CONVERSATION and MESSAGE targets name theirs, a USER target the
     * conversations Dixa listed for the user before anonymizing.
     */
    @Transactional
    Plan plan(UUID requestId) {
        List<ConversationLog.Wanted> all = conversationsOf(requestId);
        ErasureRequest request = ErasureRequest.findById(requestId);
        EvidencePolicy policy = EvidencePolicy.of(request.source, config.sweepSample(), sweep.pageSize());
        List<ConversationLog.Wanted> sampled = policy.sample(all);
        return new Plan(sampled, policy.describe(sampled.size(), all.size()));
    }

    /** The conversations whose activity log to read, and the policy that chose them as the certificate states it. */
    record Plan(List<ConversationLog.Wanted> wanted, String policy) {
    }

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

    /**
     * Saves the evidence with the Dixa calls it took and EVIDENCE_CAPTURED; false when it was already saved. The rows
     * go in first, in JDBC batches, and the audit events last: the chain-head lock (taken by the first append and
     * held to commit) then covers only the appends, not the inserts. A second replica saving the same ticket at the
     * same time fails on evidence_capture's primary key and rolls back.
     */
    @Transactional
    boolean save(UUID requestId, List<ConversationLog> logs, String policy) {
        if (CapturedEvidence.findById(requestId) != null) {
            recordCalls(requestId, logs);
            return false;
        }
        CapturedEvidence captured = new CapturedEvidence();
        captured.requestId = requestId;
        captured.capturedAt = Instant.now(clock);
        captured.conversations = logs.size();
        captured.entries = logs.stream().mapToInt(log -> log.entries().size()).sum();
        captured.policy = policy;
        captured.persist();
        Panache.getEntityManager().flush();
        Panache.getEntityManager().unwrap(org.hibernate.Session.class).doWork(connection -> insertRows(connection,
                requestId, logs));
        Panache.getEntityManager().createNativeQuery("update erasure_request set evidence_captured = true where id = ?1")
                .setParameter(1, requestId).executeUpdate();
        recordCalls(requestId, logs);
        long unavailable = logs.stream().filter(log -> !ConversationEvidence.CAPTURED.equals(log.outcome())).count();
        audit.record(AuditType.EVIDENCE_CAPTURED, AuditTrail.SYSTEM, requestId, null, Map.of(
                "conversations", captured.conversations, "entries", captured.entries, "unavailable", unavailable));
        return true;
    }

    private static void insertRows(Connection connection, UUID requestId, List<ConversationLog> logs)
            throws SQLException {
        try (PreparedStatement conversations = connection.prepareStatement("insert into evidence_conversation "
                + "(request_id, conversation_id, target_id, outcome, entries) values (?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (ConversationLog log : logs) {
                conversations.setObject(1, requestId);
                conversations.setLong(2, log.conversationId());
                conversations.setObject(3, log.targetId());
                conversations.setString(4, log.outcome());
                conversations.setInt(5, log.entries().size());
                conversations.addBatch();
                if (++pending == BATCH) {
                    conversations.executeBatch();
                    pending = 0;
                }
            }
            conversations.executeBatch();
        }
        try (PreparedStatement activities = connection.prepareStatement("insert into evidence_activity "
                + "(request_id, conversation_id, entry_id, type, activity_at, author_id) values (?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (ConversationLog log : logs) {
                for (ActivityLogEntry entry : log.entries()) {
                    String type = entry.type() == null ? "unknown" : entry.type();
                    activities.setObject(1, requestId);
                    activities.setLong(2, log.conversationId());
                    activities.setObject(3, entry.id());
                    activities.setString(4, type.substring(0, Math.min(100, type.length())));
                    activities.setObject(5, entry.activityTimestamp() == null ? null
                            : OffsetDateTime.ofInstant(entry.activityTimestamp(), ZoneOffset.UTC));
                    activities.setString(6, authorId(entry));
                    activities.addBatch();
                    if (++pending == BATCH) {
                        activities.executeBatch();
                        pending = 0;
                    }
                }
            }
            activities.executeBatch();
        }
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
