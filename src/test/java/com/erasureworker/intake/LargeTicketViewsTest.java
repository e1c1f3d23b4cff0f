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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A sweep-sized ticket is shown in bounded pieces: the ticket with counts per state and one page of targets, the
 * targets page by page (per state too), its history page by page through the Link header; a 2,000-target ticket's
 * answers are as bounded as a 10-target one's, and the ticket list's count stops at 10,000 and says so. How long the
 * views take is measured by {@link LargeTicketViewsBenchmark}.
 */
@QuarkusTest
class LargeTicketViewsTest {

    private static final int LARGE = 2_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditTrail trail;

    @Test
    void aTwoThousandTargetTicketIsShownInPagesWithCountsPerState() throws Exception {
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
    void aLargeTicketsViewsAreAsBoundedAsASmallOnes() throws Exception {
        UUID small = LargeTickets.withTargets(dataSource, 10);
        UUID large = LargeTickets.withTargets(dataSource, LARGE);

        Response smallTicket = asAuditor().get(BASE + "/" + small).then().statusCode(200).extract().response();
        Response largeTicket = asAuditor().get(BASE + "/" + large).then().statusCode(200).extract().response();
        assertThat(smallTicket.jsonPath().getList("targets")).hasSize(10);
        assertThat(smallTicket.jsonPath().getString("targetsNext")).isNull();
        assertThat(largeTicket.jsonPath().getList("targets")).hasSize(100);
        // One page of targets plus counts: 2,000 targets listed whole would be about 200 times this.
        assertThat(largeTicket.asByteArray().length).isLessThan(20 * smallTicket.asByteArray().length);

        Response page = asAuditor().queryParam("size", 500).get(BASE + "/" + large + "/targets").then()
                .statusCode(200).extract().response();
        assertThat(page.jsonPath().getList("items")).hasSize(500);
        assertThat(page.jsonPath().getString("next")).contains("page=1").contains("size=500");
        assertThat(page.asByteArray().length).isLessThan(500 * 1_000);

        Response history = asAuditor().get(BASE + "/" + large + "/history").then().statusCode(200).extract()
                .response();
        assertThat(history.jsonPath().getList("sequence").size()).isLessThanOrEqualTo(500);
    }

    @Test
    void theTicketListCountsAtMostTenThousandAndSaysSo() throws Exception {
        String day = LargeTickets.cancelledIn2001(dataSource, 10_001);
        JsonPath list = asAuditor().queryParam("receivedFrom", day + "T00:00:00Z")
                .queryParam("receivedTo", day + "T23:59:59Z").get(BASE).then().statusCode(200).extract().jsonPath();
        assertThat(list.getLong("total")).isEqualTo(10_000);
        assertThat(list.getBoolean("totalExact")).isFalse();
        assertThat(list.getList("items")).hasSize(50);
        assertThat(list.getString("next")).contains("afterId=");

        JsonPath exact = asAuditor().queryParam("receivedFrom", day + "T00:00:00Z")
                .queryParam("receivedTo", day + "T00:00:00.005Z").get(BASE).then().statusCode(200).extract()
                .jsonPath();
        assertThat(exact.getLong("total")).isEqualTo(5);
        assertThat(exact.getBoolean("totalExact")).isTrue();
        assertThat(exact.getString("next")).isNull();
    }

    private UUID ticketWithTargets(int count) throws Exception {
        return LargeTickets.withTargets(dataSource, count);
    }
}
