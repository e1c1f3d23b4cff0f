package com.erasureworker.evidence;

import com.erasureworker.dixa.ActivityLogEntry;
import com.erasureworker.privacy.Redaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Evidence rows written in JDBC batches: one round trip per thousand rows, ids, types and times only. */
final class EvidenceRows {

    private static final int BATCH = 1000;

    private EvidenceRows() {
    }

    /** Inserts each log's conversation row and its activity entries; logs may belong to several tickets. */
    static void insert(Connection connection, List<Logged> logs) throws SQLException {
        try (PreparedStatement conversations = connection.prepareStatement("insert into evidence_conversation "
                + "(request_id, conversation_id, target_id, outcome, entries, reason) values (?, ?, ?, ?, ?, ?) "
                + "on conflict do nothing")) {
            int pending = 0;
            for (Logged logged : logs) {
                ConversationLog log = logged.log();
                conversations.setObject(1, logged.requestId());
                conversations.setLong(2, log.conversationId());
                conversations.setObject(3, log.targetId());
                conversations.setString(4, log.outcome());
                conversations.setInt(5, log.entries().size());
                conversations.setString(6, log.reason());
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
            for (Logged logged : logs) {
                for (ActivityLogEntry entry : logged.log().entries()) {
                    String type = entry.type() == null ? "unknown" : entry.type();
                    activities.setObject(1, logged.requestId());
                    activities.setLong(2, logged.log().conversationId());
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

    /** A conversation's log with the ticket it is evidence for. */
    record Logged(UUID requestId, ConversationLog log) {
    }

    /** Dixa's author id: a uuid as is; anything else scrubbed of what looks like an e-mail or phone, at most 100 chars. */
    private static String authorId(ActivityLogEntry entry) {
        if (entry.author() == null || entry.author().id() == null) {
            return null;
        }
        String id = entry.author().id();
        if (id.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")) {
            return id.toLowerCase(Locale.ROOT);
        }
        String scrubbed = Redaction.scrub(id);
        return scrubbed.length() <= 100 ? scrubbed : scrubbed.substring(0, 100);
    }
}
