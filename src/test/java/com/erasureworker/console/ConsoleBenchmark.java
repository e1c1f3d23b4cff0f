package com.erasureworker.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How fast the console's pages answer with 20,000 tickets (60,000 targets, 50,000 Dixa calls in the last hour) in
 * the database: each page asked {@code bench.rounds} times by a signed-in admin after a warm-up, server time as the
 * client sees it on loopback. Prints p50, p95 and max per page. {@code ./mvnw test -Pbench -Dtest=ConsoleBenchmark}.
 */
@Tag("bench")
@QuarkusTest
class ConsoleBenchmark {

    private static final int TICKETS = Integer.getInteger("bench.tickets", 20_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DashboardFigures figures;

    @Test
    void pagesWith20000Tickets() throws Exception {
        String ticketId = seed();
        Map<String, String> session = given().formParam("j_username", "admin")
                .formParam("j_password", "admin-demo-password").redirects().follow(false)
                .post("/console/j_security_check").then().statusCode(302).extract().cookies();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("dashboard", "/console");
        pages.put("dashboard panels (htmx)", "/console/dashboard/panels");
        pages.put("tickets, first page", "/console/tickets");
        pages.put("tickets, page 200", "/console/tickets?page=200");
        pages.put("tickets, FAILED", "/console/tickets?state=FAILED");
        pages.put("tickets, overdue", "/console/tickets?overdue=true");
        pages.put("ticket", "/console/tickets/" + ticketId);
        pages.put("ticket live part (htmx)", "/console/tickets/" + ticketId + "/live");
        pages.put("audit, first page", "/console/audit");
        pages.put("audit, type DIXA_CALL", "/console/audit?type=DIXA_CALL");
        pages.put("retention", "/console/retention");
        System.out.printf("%nConsole pages, %,d tickets, %d rounds each (ms)%n", TICKETS, ROUNDS);
        System.out.printf("%-28s %8s %8s %8s%n", "page", "p50", "p95", "max");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            for (int i = 0; i < 20; i++) {
                fetch(session, page.getValue());
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                fetch(session, page.getValue());
                times.add((System.nanoTime() - start) / 1e6);
            }
            print(page.getKey(), times);
        }
        List<Double> reads = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            figures.read();
            reads.add((System.nanoTime() - start) / 1e6);
        }
        print("(dashboard queries alone)", reads);
    }

    private static void print(String name, List<Double> times) {
        Collections.sort(times);
        System.out.printf("%-28s %8.1f %8.1f %8.1f%n", name, times.get(times.size() / 2),
                times.get((int) Math.ceil(times.size() * 0.95) - 1), times.get(times.size() - 1));
    }

    private static void fetch(Map<String, String> session, String path) {
        String html = given().cookies(session).get(path).then().statusCode(200).extract().asString();
        assertThat(html).isNotEmpty();
    }

    /** 20,000 tickets of every state, 3 targets each, some failed or waiting, and an hour of Dixa calls. */
    private String seed() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    insert into erasure_request (id, ticket_ref, source, state, outcome, subject_type, subject_hash,
                        content_hash, close_policy, reason, requested_by, received_at, due_at, completed_at)
                    select gen_random_uuid(), 'BENCH-' || n, 'DPO',
                        case when n % 20 = 0 then 'FAILED' when n % 20 = 1 then 'CANCELLED'
                             when n % 5 = 2 then 'IN_PROGRESS' else 'COMPLETED' end,
                        null, 'CONVERSATIONS', null, md5(n::text) || md5(n::text), 'WAIT_THEN_FORCE', 'bench',
                        'dpo', now() - (n || ' minutes')::interval, now() + ((n % 40) - 5 || ' days')::interval, null
                    from generate_series(1, :tickets) n
                    """.replace(":tickets", Integer.toString(TICKETS)));
            sql.execute("""
                    insert into erasure_target (id, request_id, type, dixa_id, conversation_id, state, next_attempt_at,
                        created_at, updated_at, waiting_reason, last_error)
                    select gen_random_uuid(), r.id, 'CONVERSATION', (1000000 + row_number() over () * 3 + k)::text,
                        1000000 + row_number() over () * 3 + k,
                        case when r.state = 'FAILED' and k = 0 then 'FAILED' when r.state = 'COMPLETED' then 'DONE'
                             when r.state = 'CANCELLED' then 'CANCELLED'
                             when r.state = 'IN_PROGRESS' and k = 1 then 'WAITING_FOR_CLOSE' else 'AWAITING_DIXA' end,
                        now(), now(), now(), case when k = 1 then 'conversation open' end,
                        case when r.state = 'FAILED' and k = 0 then 'Dixa answered 400' end
                    from erasure_request r cross join generate_series(0, 2) k
                    """);
            sql.execute("""
                    insert into audit_event (sequence, occurred_at, actor, request_id, target_id, type, detail,
                        previous_hash, hash)
                    select 1000000 + n, now() - (n * 72 || ' milliseconds')::interval, 'system', null, null, 'DIXA_CALL',
                        jsonb_build_object('method', 'GET', 'path', '/anonymization/request/{requestId}',
                            'status', case when n % 500 = 0 then 429 else 200 end, 'durationMs', 20),
                        repeat('0', 64), repeat('0', 64)
                    from generate_series(1, 50000) n
                    """);
            sql.execute("vacuum analyze"); // as autovacuum would have by then: index-only scans need the visibility map
            try (ResultSet row = sql.executeQuery("select id from erasure_request where ticket_ref = 'BENCH-7'")) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
