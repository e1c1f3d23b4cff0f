package com.erasureworker.sweep;

import com.erasureworker.controls.HoldLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.hibernate.Session;

/**
 * The conversations a sweep found ({@code sweep_candidate}) and how they become targets, in plain SQL: a page of hits
 * and a batch of targets are each a few statements, however large the sweep, and nothing is held in memory beyond
 * one page or batch. Runs inside the caller's transaction.
 */
@ApplicationScoped
class SweepCandidates {

    static final String ALREADY_COVERED = "ALREADY_COVERED";
    static final String RUN_LIMIT = "RUN_LIMIT";
    /** An active legal hold names the conversation: never erased by a sweep; the row keeps the hold's id. */
    static final String LEGAL_HOLD = "LEGAL_HOLD";

    /**
     * Search hits carry only ids, so "already anonymized" is decided from our own records: a conversation target of
     * any ticket that is done or still under way, or an end-user target (done or under way) whose listing covered it.
     * A conversation anonymized outside this worker is not known here and is simply anonymized again (a cheap 202).
     */
    private static final String COVERED = """
            select x.id from unnest(?) as x(id)
            where exists (select 1 from erasure_target t where t.conversation_id = x.id and t.type = 'CONVERSATION'
                            and t.state not in ('FAILED', 'CANCELLED', 'REOPENED'))
               or exists (select 1 from erasure_target_conversation c join erasure_target t on t.id = c.target_id
                            where c.conversation_id = x.id and t.state not in ('FAILED', 'CANCELLED', 'REOPENED'))
            """;
    /** One statement per page; returns only the rows that were new, so a page seen twice counts once. */
    private static final String INSERT = """
            insert into sweep_candidate (sweep_id, conversation_id, skip_reason, hold_id)
            select ?, x.id, x.reason, x.hold from unnest(?::bigint[], ?::varchar[], ?::uuid[]) as x(id, reason, hold)
            on conflict (sweep_id, conversation_id) do nothing
            returning skip_reason
            """;
    /** One batch: the next eligible candidates after the cursor become held targets of the ticket. */
    private static final String ENQUEUE = """
            with batch as (
                select conversation_id from sweep_candidate
                where sweep_id = ? and skip_reason is null and conversation_id > ?
                order by conversation_id limit ?),
            written as (
                insert into erasure_target (id, request_id, type, dixa_id, conversation_id, state, priority, attempts,
                                            next_attempt_at, created_at, updated_at, version)
                select gen_random_uuid(), ?, 'CONVERSATION', b.conversation_id::text, b.conversation_id, 'HELD', 1, 0,
                       ?, ?, ?, 0
                from batch b
                on conflict (request_id, type, dixa_id) do nothing
                returning 1)
            select (select max(conversation_id) from batch), (select count(*) from written)
            """;

    private final EntityManager entityManager;
    private final HoldLookup holds;

    SweepCandidates(EntityManager entityManager, HoldLookup holds) {
        this.entityManager = entityManager;
        this.holds = holds;
    }

    /** What storing one page came to: rows new to this run, how many are skipped (held ones among them), over limit. */
    record Stored(int inserted, int skipped, int overLimit, int held) {
    }

    /** A conversation a sweep found but skipped because a legal hold names it. */
    record HeldCandidate(long conversationId, UUID holdId) {
    }

    /**
     * Stores one page of hits. Ids already stored (a page seen twice) are left alone and not counted again.
     *
     * @param room how many more conversations this run may erase; hits beyond it are kept as {@link #RUN_LIMIT}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Stored storePage(UUID sweepId, List<Long> ids, int room) {
        Map<Long, UUID> held = holds.heldConversations(ids);
        return work(connection -> {
            Set<Long> covered = covered(connection, ids);
            String[] reasons = new String[ids.size()];
            UUID[] holdIds = new UUID[ids.size()];
            int eligible = 0;
            for (int i = 0; i < reasons.length; i++) {
                Long id = ids.get(i);
                holdIds[i] = held.get(id);
                reasons[i] = holdIds[i] != null ? LEGAL_HOLD
                        : covered.contains(id) ? ALREADY_COVERED : eligible >= room ? RUN_LIMIT : null;
                if (reasons[i] == null) {
                    eligible++;
                }
            }
            int inserted = 0;
            int skipped = 0;
            int overLimit = 0;
            int onHold = 0;
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setObject(1, sweepId);
                insert.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
                insert.setArray(3, connection.createArrayOf("varchar", reasons));
                insert.setArray(4, connection.createArrayOf("uuid", holdIds));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted++;
                        if (rows.getString(1) != null) {
                            skipped++;
                            overLimit += RUN_LIMIT.equals(rows.getString(1)) ? 1 : 0;
                            onHold += LEGAL_HOLD.equals(rows.getString(1)) ? 1 : 0;
                        }
                    }
                }
            }
            return new Stored(inserted, skipped, overLimit, onHold);
        });
    }

    /** Writes the next batch of targets (HELD) after {@code cursor}; returns the new cursor, or null when none was left. */
    @Transactional(Transactional.TxType.MANDATORY)
    Batch enqueueBatch(UUID sweepId, UUID ticketId, long cursor, int size, Instant now) {
        return work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(ENQUEUE)) {
                statement.setObject(1, sweepId);
                statement.setLong(2, cursor);
                statement.setInt(3, size);
                statement.setObject(4, ticketId);
                statement.setTimestamp(5, Timestamp.from(now));
                statement.setTimestamp(6, Timestamp.from(now));
                statement.setTimestamp(7, Timestamp.from(now));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    long last = rows.getLong(1);
                    return rows.wasNull() ? null : new Batch(last, rows.getInt(2));
                }
            }
        });
    }

    record Batch(long lastConversationId, int written) {
    }

    /** Conversation ids this run erases (or would erase), in id order. */
    @Transactional
    List<Long> toErase(UUID sweepId, int page, int size) {
        return work(connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    select conversation_id from sweep_candidate where sweep_id = ? and skip_reason is null
                    order by conversation_id offset ? limit ?""")) {
                statement.setObject(1, sweepId);
                statement.setLong(2, (long) page * size);
                statement.setInt(3, size);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** The conversations this run skipped under a legal hold, with the hold, in id order. */
    @Transactional
    List<HeldCandidate> held(UUID sweepId, int page, int size) {
        return work(connection -> {
            List<HeldCandidate> held = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    select conversation_id, hold_id from sweep_candidate where sweep_id = ? and skip_reason = ?
                    order by conversation_id offset ? limit ?""")) {
                statement.setObject(1, sweepId);
                statement.setString(2, LEGAL_HOLD);
                statement.setLong(3, (long) page * size);
                statement.setInt(4, size);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        held.add(new HeldCandidate(rows.getLong(1), rows.getObject(2, UUID.class)));
                    }
                }
            }
            return held;
        });
    }

    /** Hands every id to {@code sink}, fetched in chunks through a cursor, for exports of any size. */
    @Transactional
    void eachToErase(UUID sweepId, LongConsumer sink) {
        work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select conversation_id from sweep_candidate where sweep_id = ? and skip_reason is null
                    order by conversation_id""")) {
                statement.setFetchSize(1000);
                statement.setObject(1, sweepId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(rows.getLong(1));
                    }
                }
            }
            return null;
        });
    }

    private static Set<Long> covered(Connection connection, List<Long> ids) throws SQLException {
        Set<Long> covered = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(COVERED)) {
            statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    covered.add(rows.getLong(1));
                }
            }
        }
        return covered;
    }

    private <T> T work(SqlWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work::apply);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
