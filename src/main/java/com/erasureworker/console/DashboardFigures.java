package com.erasureworker.console;

import com.erasureworker.audit.AuditType;
import com.erasureworker.console.Dashboard.DueTicket;
import com.erasureworker.console.Dashboard.StateCount;
import com.erasureworker.console.Dashboard.TargetNeed;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.erasure.RequestState;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the dashboard's figures with a handful of indexed or bounded queries (lists stop at {@link #LIST_LIMIT}), so
 * the page stays fast with tens of thousands of tickets. Read-only: the dashboard changes nothing.
 */
@ApplicationScoped
public class DashboardFigures {

    static final int LIST_LIMIT = 20;
    private static final String OPEN = "state not in ('COMPLETED', 'CANCELLED')";

    private final AgroalDataSource dataSource;
    private final DixaConfig dixa;

    DashboardFigures(AgroalDataSource dataSource, DixaConfig dixa) {
        this.dataSource = dataSource;
        this.dixa = dixa;
    }

    public Dashboard read() {
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            List<StateCount> states = ticketsByState(connection);
            long[] due = dueCounts(connection, now);
            long[] calls = new long[2];
            BarChart callChart = callChart(connection, now, calls);
            Object[] head = row(connection, "select last_sequence, last_hash, updated_at from audit_chain_head where id = 1");
            Object[] verified = row(connection, "select occurred_at, actor, detail->>'valid' from audit_event where type = '"
                    + AuditType.CHAIN_VERIFIED.name() + "' order by sequence desc limit 1");
            return new Dashboard(states, due[0], due[1], dueSoon(connection, now),
                    count(connection, "select count(*) from erasure_target where state = 'FAILED'"),
                    needs(connection, "FAILED", "t.last_error"),
                    count(connection, "select count(*) from erasure_target where state = 'WAITING_FOR_CLOSE'"),
                    needs(connection, "WAITING_FOR_CLOSE", "t.waiting_reason"),
                    calls[0], calls[1], (long) dixa.rateLimit().perSecond() * 60, callChart,
                    head == null ? 0 : (Long) head[0], head == null ? null : (String) head[1],
                    head == null ? null : instant(head[2]),
                    verified == null ? null : instant(verified[0]),
                    verified == null ? null : Boolean.valueOf((String) verified[2]),
                    verified == null ? null : (String) verified[1]);
        } catch (SQLException e) {
            throw new IllegalStateException("the dashboard could not be read", e);
        }
    }

    /** Every known state in its lifecycle order, then any state the database has that this build does not know. */
    private static List<StateCount> ticketsByState(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RequestState state : RequestState.values()) {
            counts.put(state.name(), 0L);
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select state, count(*) from erasure_request group by state"); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        long largest = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
        return counts.entrySet().stream()
                .map(e -> new StateCount(e.getKey(), e.getValue(), Math.round(1000.0 * e.getValue() / largest) / 10.0))
                .toList();
    }

    private static long[] dueCounts(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select count(*) filter (where due_at < ?), "
                + "count(*) filter (where due_at >= ? and due_at < ?) from erasure_request where " + OPEN)) {
            Timestamp at = Timestamp.from(now);
            statement.setTimestamp(1, at);
            statement.setTimestamp(2, at);
            statement.setTimestamp(3, Timestamp.from(now.plus(Duration.ofDays(3))));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new long[] { rows.getLong(1), rows.getLong(2) };
            }
        }
    }

    private static List<DueTicket> dueSoon(Connection connection, Instant now) throws SQLException {
        List<DueTicket> tickets = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select id, ticket_ref, state, due_at "
                + "from erasure_request where " + OPEN + " and due_at < ? order by due_at limit " + LIST_LIMIT)) {
            statement.setTimestamp(1, Timestamp.from(now.plus(Duration.ofDays(3))));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Instant dueAt = rows.getTimestamp(4).toInstant();
                    tickets.add(new DueTicket(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            dueAt, ConsoleFormats.daysLeft(dueAt)));
                }
            }
        }
        return tickets;
    }

    private static List<TargetNeed> needs(Connection connection, String state, String note) throws SQLException {
        List<TargetNeed> needs = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select t.request_id, r.ticket_ref, t.id, "
                + "t.type, t.dixa_id, " + note + ", t.updated_at from erasure_target t join erasure_request r on "
                + "r.id = t.request_id where t.state = ? order by t.updated_at desc limit " + LIST_LIMIT)) {
            statement.setString(1, state);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    needs.add(new TargetNeed(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getObject(3, UUID.class), rows.getString(4), rows.getString(5), rows.getString(6),
                            instant(rows.getTimestamp(7))));
                }
            }
        }
        return needs;
    }

    /** Dixa calls per minute over the last hour (from the audit trail's DIXA_CALL events), 429s marked. */
    private BarChart callChart(Connection connection, Instant now, long[] totals) throws SQLException {
        Instant start = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(59));
        long[] calls = new long[60];
        long[] limited = new long[60];
        // Two counts, each an index-only scan of a partial index (V13), rather than one pass over every JSON detail.
        String perMinute = "select date_trunc('minute', occurred_at), count(*) from audit_event where type = '"
                + AuditType.DIXA_CALL.name() + "' and occurred_at >= ?";
        countPerMinute(connection, perMinute + " group by 1", start, calls);
        countPerMinute(connection, perMinute + " and (detail->>'status') = '429' group by 1", start, limited);
        for (int i = 0; i < 60; i++) {
            totals[0] += calls[i];
            totals[1] += limited[i];
        }
        List<Long> values = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            values.add(calls[i]);
            classes.add(limited[i] > 0 ? "bar limited" : "bar calls");
            labels.add(ConsoleFormats.utc(start.plus(Duration.ofMinutes(i))).substring(11, 16) + " UTC: "
                    + calls[i] + " calls" + (limited[i] > 0 ? ", " + limited[i] + " answered 429" : ""));
        }
        long limit = (long) dixa.rateLimit().perSecond() * 60;
        return BarChart.vertical("Dixa calls per minute, last hour", values, classes, labels, limit,
                "limit " + limit + "/min");
    }

    private static void countPerMinute(Connection connection, String sql, Instant start, long[] into)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(start));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int minute = (int) Duration.between(start, rows.getTimestamp(1).toInstant()).toMinutes();
                    if (minute >= 0 && minute < 60) {
                        into[minute] = rows.getLong(2);
                    }
                }
            }
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        Object[] row = row(connection, sql);
        return row == null ? 0 : ((Number) row[0]).longValue();
    }

    private static Object[] row(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return null;
            }
            Object[] values = new Object[rows.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.getObject(i + 1);
            }
            return values;
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return null;
    }
}
