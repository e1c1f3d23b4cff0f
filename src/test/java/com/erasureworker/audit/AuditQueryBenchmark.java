package com.erasureworker.audit;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fills 10,000,000 audit events and 100,000 tickets by SQL (a year of a busy deployment) and prints p50/p99 of every
 * audit filter, of the page after 1,000 pages, of a ticket's history and of the ticket list, each measured from
 * outside through the API one request at a time, then the query plans. The filled events are not chained (their
 * hashes are placeholders): this run's database is thrown away afterwards. Run on purpose:
 * {@code ./mvnw test -Pbench -Dtest=AuditQueryBenchmark} (optionally -Dbench.events=2000000 -Dbench.tickets=20000).
 */
@Tag("bench")
@QuarkusTest
class AuditQueryBenchmark {

    private static final int SAMPLES = 100;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void auditAndTicketQueriesStayFastAtTenMillionEvents() throws SQLException {
        long events = Long.getLong("bench.events", 10_000_000L);
        int tickets = Integer.getInteger("bench.tickets", 100_000);
        long fillStart = System.nanoTime();
        fill(events, tickets);
        System.out.printf("Audit query bench: filled %,d events and %,d tickets in %d s%n", events, tickets,
                (System.nanoTime() - fillStart) / 1_000_000_000);

        String ticketRef = single("select ticket_ref from erasure_request where ticket_ref like 'bench-%' "
                + "order by ticket_ref offset " + tickets / 2 + " limit 1");
        String ticketId = single("select id::text from erasure_request where ticket_ref = '" + ticketRef + "'");
        String day = single("select to_char(min(occurred_at) + interval '200 days', 'YYYY-MM-DD') from audit_event");
        String deepSequence = single("select sequence::text from audit_event order by sequence offset 100000 limit 1");
        String deepTicket = single("select id::text from erasure_request order by received_at desc, id desc "
                + "offset 50000 limit 1");

        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("audit: no filter, first page", "/api/v1/audit-events");
        requests.put("audit: one day (from/to)", "/api/v1/audit-events?from=" + day + "T00:00:00Z&to=" + day
                + "T23:59:59Z");
        requests.put("audit: type=DIXA_CALL", "/api/v1/audit-events?type=DIXA_CALL");
        requests.put("audit: type=TICKET_COMPLETED (rare)", "/api/v1/audit-events?type=TICKET_COMPLETED");
        requests.put("audit: actor=dpo", "/api/v1/audit-events?actor=dpo");
        requests.put("audit: ticketRef", "/api/v1/audit-events?ticketRef=" + ticketRef);
        requests.put("audit: type + one day", "/api/v1/audit-events?type=DIXA_CALL&from=" + day + "T00:00:00Z&to="
                + day + "T23:59:59Z");
        requests.put("audit: next page after 1,000 pages", "/api/v1/audit-events?afterSequence=" + deepSequence);
        requests.put("audit: page 100 (deepest page number)", "/api/v1/audit-events?page=100");
        requests.put("ticket history (JSON page)", "/api/v1/erasure-requests/" + ticketId + "/history");
        requests.put("ticket list: first page", "/api/v1/erasure-requests");
        requests.put("ticket list: state=FAILED", "/api/v1/erasure-requests?state=FAILED");
        requests.put("ticket list: source=DPO", "/api/v1/erasure-requests?source=DPO");
        requests.put("ticket list: after 1,000 pages", "/api/v1/erasure-requests?afterId=" + deepTicket);
        System.out.printf("%-42s %8s %8s%n", "query (" + SAMPLES + " requests each)", "p50 ms", "p99 ms");
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String path = request.getValue();
            // A fresh specification per request: RestAssured adds a path's query parameters to the one it is given.
            String user = request.getKey().startsWith("audit") ? "auditor" : "dpo";
            for (int i = 0; i < 5; i++) {
                as(user).get(path).then().statusCode(200);
            }
            long[] millis = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long start = System.nanoTime();
                as(user).get(path).then().statusCode(200);
                millis[i] = (System.nanoTime() - start) / 1_000;
            }
            Arrays.sort(millis);
            System.out.printf("%-42s %8.1f %8.1f%n", request.getKey(), millis[SAMPLES / 2] / 1000.0,
                    millis[SAMPLES * 99 / 100 - 1] / 1000.0);
        }
        plans(ticketRef, ticketId, day, deepSequence);
    }

    private void plans(String ticketRef, String ticketId, String day, String deepSequence) throws SQLException {
        String columns = "select " + AuditEventQuery.COLUMNS + AuditEventQuery.FROM;
        String range = " e.occurred_at >= '" + day + "T00:00:00Z' and e.occurred_at < '" + day + "T23:59:59Z'";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("one day, page", columns + " where" + range + " order by e.occurred_at, e.sequence limit 101");
        queries.put("one day, capped count", "select count(*) from (select 1" + AuditEventQuery.FROM + " where"
                + range + " limit 10001) capped");
        queries.put("type, page", columns + " where e.type = 'DIXA_CALL' order by e.sequence limit 101");
        queries.put("type, capped count", "select count(*) from (select 1" + AuditEventQuery.FROM
                + " where e.type = 'DIXA_CALL' limit 10001) capped");
        queries.put("rare type, page", columns + " where e.type = 'TICKET_COMPLETED' order by e.sequence limit 101");
        queries.put("actor, page", columns + " where e.actor = 'dpo' order by e.sequence limit 101");
        queries.put("ticketRef, page", columns + " where e.request_id = (select x.id from erasure_request x "
                + "where x.ticket_ref = '" + ticketRef + "') order by e.sequence limit 101");
        queries.put("type + one day, page", columns + " where" + range + " and e.type = 'DIXA_CALL' "
                + "order by e.occurred_at, e.sequence limit 101");
        queries.put("after 1,000 pages", columns + " where e.sequence > " + deepSequence
                + " order by e.sequence limit 101");
        queries.put("ticket history", "select * from audit_event where request_id = '" + ticketId
                + "' and sequence > -1 order by sequence limit 501");
        queries.put("ticket list, first page", "select * from erasure_request order by received_at desc, id desc "
                + "limit 51");
        queries.put("ticket list, state=FAILED", "select * from erasure_request where state = 'FAILED' "
                + "order by received_at desc, id desc limit 51");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("explain (analyze, buffers) " + query.getValue())) {
                    while (rows.next()) {
                        plan.append("    ").append(rows.getString(1)).append('\n');
                    }
                }
                System.out.printf("PLAN %s:%n%s", query.getKey(), plan);
            }
        }
    }

    /**
     * Tickets over a year (mostly COMPLETED, some FAILED/CANCELLED, one in ten from a DPO), then events in sequence
     * order over the same year, each with one of the tickets, mostly DIXA_CALL and state changes by the system.
     */
    private void fill(long events, int tickets) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("insert into erasure_request (id, ticket_ref, source, state, subject_type, content_hash, "
                    + "close_policy, requested_by, received_at, due_at, completed_at) select gen_random_uuid(), "
                    + "'bench-' || lpad(n::text, 7, '0'), case when n % 10 = 0 then 'DPO' else 'SWEEP' end, "
                    + "case when n % 50 = 0 then 'FAILED' when n % 70 = 0 then 'CANCELLED' else 'COMPLETED' end, "
                    + "'CONVERSATIONS', 'bench', 'WAIT_THEN_FORCE', 'dpo', "
                    + "now() - interval '365 days' + n * (interval '365 days' / " + tickets + "), "
                    + "now() - interval '335 days' + n * (interval '365 days' / " + tickets + "), "
                    + "now() - interval '364 days' + n * (interval '365 days' / " + tickets + ") "
                    + "from generate_series(1, " + tickets + ") n");
            sql.execute("create temporary table bench_ticket as select row_number() over (order by ticket_ref) - 1 "
                    + "as k, id from erasure_request where ticket_ref like 'bench-%'");
            sql.execute("create unique index on bench_ticket (k)");
            long first = Long.parseLong(single(sql, "select last_sequence + 1 from audit_chain_head"));
            long chunk = 1_000_000;
            for (long from = 0; from < events; from += chunk) {
                long to = Math.min(events, from + chunk) - 1;
                long start = System.nanoTime();
                sql.execute("insert into audit_event (sequence, occurred_at, actor, request_id, target_id, type, "
                        + "detail, previous_hash, hash) select " + first + " + n, "
                        + "now() - interval '365 days' + n * (interval '365 days' / " + events + "), "
                        + "case when n % 1000 = 7 then 'dpo' when n % 1000 = 8 then 'auditor' else 'system' end, "
                        + "t.id, null, case when n % 100 < 60 then 'DIXA_CALL' when n % 100 < 90 "
                        + "then 'TARGET_STATE_CHANGED' when n % 100000 = 99 then 'TICKET_COMPLETED' "
                        + "else 'EVIDENCE_CAPTURED' end, '{\"method\":\"GET\",\"status\":200}'::jsonb, "
                        + "md5(n::text) || md5((n + 1)::text), md5((n + 1)::text) || md5(n::text) "
                        + "from generate_series(" + from + ", " + to + ") n "
                        + "join bench_ticket t on t.k = (n / 100) % " + tickets);
                System.out.printf("Audit query bench: events %,d..%,d in %d s%n", from, to,
                        (System.nanoTime() - start) / 1_000_000_000);
            }
            sql.execute("update audit_chain_head set last_sequence = " + (first + events - 1) + ", last_hash = "
                    + "md5('" + (first + events - 1) + "') || md5('bench'), updated_at = now()");
            sql.execute("analyze audit_event");
            sql.execute("analyze erasure_request");
        }
    }

    private String single(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            return single(sql, query);
        }
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
