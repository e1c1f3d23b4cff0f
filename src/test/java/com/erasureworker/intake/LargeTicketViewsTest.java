package com.erasureworker.intake;

import static com.erasureworker.intake.Api.BASE;
import static com.erasureworker.intake.Api.asAuditor;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A sweep-sized ticket is shown in bounded pieces: the ticket with counts per state and one page of targets, the
 * targets page by page (per state too), its history page by page through the Link header; and those views take
 * about as long for 20,000 targets as for 10. Targets are inserted by SQL in terminal states, so no job picks them up.
 */
@QuarkusTest
class LargeTicketViewsTest {

    private static final int LARGE = 20_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditTrail trail;

    @Test
    void aTwentyThousandTargetTicketIsShownInPagesWithCountsPerState() throws Exception {
        UUID id = ticketWithTargets(LARGE);

        JsonPath ticket = asAuditor().get(BASE + "/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(ticket.getMap("targetCounts")).containsEntry("DONE", LARGE / 2).containsEntry("FAILED", LARGE / 4)
                .containsEntry("CANCELLED", LARGE / 4);
        assertThat(ticket.getList("targets")).hasSize(100);
        assertThat(ticket.getString("targetsNext")).isEqualTo(BASE + "/" + id + "/targets?page=1&size=100");

        JsonPath failed = asAuditor().queryParam("state", "FAILED").queryParam("page", 3).queryParam("size", 50)
                .get(BASE + "/" + id + "/targets").then().statusCode(200).extract().jsonPath();
        assertThat(failed.getList("items.state")).hasSize(50).containsOnly("FAILED");
        assertThat(failed.getString("next")).contains("page=4").contains("state=FAILED");

        // Walking every page of one state visits each target exactly once.
        Set<String> seen = new HashSet<>();
        String next = BASE + "/" + id + "/targets?state=CANCELLED&size=500";
        while (next != null) {
            JsonPath page = asAuditor().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            next = page.getString("next");
        }
        assertThat(seen).hasSize(LARGE / 4);

        asAuditor().queryParam("state", "DONEISH").get(BASE + "/" + id + "/targets").then().statusCode(400);
        asAuditor().queryParam("size", 501).get(BASE + "/" + id + "/targets").then().statusCode(400);
        asAuditor().get(BASE + "/" + UUID.randomUUID() + "/targets").then().statusCode(404);
    }

    @Test
    void historyJsonComesInPagesLinkedByLinkHeaders() throws Exception {
        UUID id = ticketWithTargets(10);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 1_200; i++) {
                trail.record(AuditType.DIXA_CALL, AuditTrail.SYSTEM, id, null, Map.of("method", "GET", "status", 200));
            }
        });
        List<Long> sequences = new ArrayList<>();
        String next = BASE + "/" + id + "/history";
        int pages = 0;
        while (next != null) {
            Response page = asAuditor().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().response();
            List<Long> items = page.jsonPath().getList("sequence", Long.class);
            assertThat(items.size()).isLessThanOrEqualTo(500);
            sequences.addAll(items);
            String link = page.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(sequences).hasSize(1_200).isSorted().doesNotHaveDuplicates();
        asAuditor().queryParam("size", 1001).get(BASE + "/" + id + "/history").then().statusCode(400);
    }

    @Test
    void pagedViewsTakeAboutAsLongForTwentyThousandTargetsAsForTen() throws Exception {
        UUID small = ticketWithTargets(10);
        UUID large = ticketWithTargets(LARGE);
        long smallMillis = medianMillis(small);
        long largeMillis = medianMillis(large);
        System.out.printf("Paged ticket views, median of 15: 10 targets %d ms, %d targets %d ms%n", smallMillis, LARGE,
                largeMillis);
        // Generous on a shared machine: what is excluded is time that grows with the ticket (a full read is ~100x).
        assertThat(largeMillis).isLessThanOrEqualTo(3 * smallMillis + 60);
    }

    private static long medianMillis(UUID id) {
        long[] samples = new long[15];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            asAuditor().get(BASE + "/" + id).then().statusCode(200);
            asAuditor().queryParam("state", "DONE").queryParam("page", 5).get(BASE + "/" + id + "/targets").then()
                    .statusCode(200);
            asAuditor().get(BASE + "/" + id + "/history").then().statusCode(200);
            samples[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    /** A FAILED sweep ticket whose targets are half DONE, a quarter FAILED, a quarter CANCELLED. */
    private UUID ticketWithTargets(int count) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement ticket = connection.prepareStatement("insert into erasure_request (id, ticket_ref, "
                    + "source, state, subject_type, content_hash, close_policy, requested_by, received_at, due_at) "
                    + "values (?, ?, 'SWEEP', 'FAILED', 'CONVERSATIONS', 'test', 'WAIT_THEN_FORCE', 'sweep', now(), "
                    + "now() + interval '30 days')")) {
                ticket.setObject(1, id);
                ticket.setString(2, "large-" + id);
                ticket.executeUpdate();
            }
            try (PreparedStatement targets = connection.prepareStatement("insert into erasure_target (id, request_id, "
                    + "type, dixa_id, conversation_id, state, priority, next_attempt_at, created_at, updated_at) "
                    + "select gen_random_uuid(), ?, 'CONVERSATION', (9000000 + n)::text, 9000000 + n, "
                    + "case when n % 2 = 0 then 'DONE' when n % 4 = 1 then 'FAILED' else 'CANCELLED' end, 1, now(), "
                    + "now() + n * interval '1 microsecond', now() from generate_series(0, ? - 1) n")) {
                targets.setObject(1, id);
                targets.setInt(2, count);
                targets.executeUpdate();
            }
        }
        return id;
    }
}
