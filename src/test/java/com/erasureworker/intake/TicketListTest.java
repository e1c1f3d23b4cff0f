package com.erasureworker.intake;

import static com.erasureworker.intake.Api.BASE;
import static com.erasureworker.intake.Api.asDpo;
import static com.erasureworker.intake.Api.submit;
import static com.erasureworker.intake.Api.ticketRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.erasureworker.simulator.DixaSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DPO's and auditor's view of many tickets: newest first, filtered, paged. */
@QuarkusTest
class TicketListTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void freshDixa() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @Test
    void ticketsComeNewestFirstInPagesWithTheirTotal() {
        String since = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<String> ids = List.of(create(), create(), create());

        JsonPath first = asDpo().queryParam("receivedFrom", since).queryParam("size", 2).get(BASE)
                .then().statusCode(200).extract().jsonPath();
        JsonPath second = asDpo().queryParam("receivedFrom", since).queryParam("size", 2).queryParam("page", 1)
                .get(BASE).then().statusCode(200).extract().jsonPath();

        assertThat(first.getLong("total")).isEqualTo(3);
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(first.getList("items.id")).containsExactly(ids.get(2), ids.get(1));
        assertThat(second.getInt("page")).isEqualTo(1);
        assertThat(second.getList("items.id")).containsExactly(ids.get(0));
        assertThat(first.getList("items.targets")).containsOnlyNulls();
    }

    @Test
    void theNextLinkPagesNewestFirstByKeysetAndDeepPageNumbersAreRefused() {
        String since = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<String> ids = List.of(create(), create(), create());
        List<String> seen = new java.util.ArrayList<>();
        String next = BASE + "?size=1&receivedFrom=" + since;
        while (next != null) {
            // The link is already encoded: followed as is.
            JsonPath page = asDpo().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            assertThat(page.getBoolean("totalExact")).isTrue();
            next = page.getString("next");
        }
        assertThat(seen).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        asDpo().queryParam("page", 201).queryParam("size", 50).get(BASE).then().statusCode(400)
                .body("errors.field", hasItem("page"));
        asDpo().queryParam("afterId", UUID.randomUUID()).get(BASE).then().statusCode(400)
                .body("errors.field", hasItem("afterId"));
    }

    @Test
    void filtersByTicketRefStateSourceAndDeadline() {
        String ref = ticketRef("DPO-filter");
        String id = submit(Api.conversations(ref, 9)).then().statusCode(202).extract().path("id");
        UUID user = UUID.randomUUID();
        String userTicket = submit(Map.of("ticketRef", ticketRef("DPO-filter-user"),
                "subject", Map.of("endUserId", user.toString()))).then().statusCode(202).extract().path("id");

        asDpo().queryParam("ticketRef", ref).get(BASE).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
        asDpo().queryParam("ticketRef", ref).queryParam("state", "COMPLETED").get(BASE).then()
                .body("total", equalTo(0));
        asDpo().queryParam("ticketRef", ref).queryParam("source", "DPO").queryParam("state", "IN_PROGRESS")
                .get(BASE).then().body("total", equalTo(1));
        asDpo().queryParam("ticketRef", ref).queryParam("dueBefore", Instant.now().plus(1, ChronoUnit.DAYS).toString())
                .get(BASE).then().body("total", equalTo(0));
        asDpo().queryParam("ticketRef", ref).queryParam("receivedTo", Instant.now().minus(1, ChronoUnit.HOURS).toString())
                .get(BASE).then().body("total", equalTo(0));
        asDpo().queryParam("receivedFrom", Instant.now().minus(1, ChronoUnit.MINUTES).toString()).get(BASE).then()
                .body("items.find { it.id == '" + userTicket + "' }.subject.endUserId", equalTo(user.toString()));
    }

    @Test
    void aTicketPastItsDeadlineIsOverdueAndFoundByTheOverdueFilter() {
        String ref = ticketRef("DPO-late");
        String id = submit(Api.conversations(ref, 4)).then().statusCode(202).body("overdue", equalTo(false))
                .extract().path("id");
        // Time passes: the deadline is now yesterday.
        DatabaseRows.update(dataSource, "update erasure_request set due_at = now() - interval '1 day' where id = ?",
                UUID.fromString(id));

        asDpo().get(BASE + "/" + id).then().body("overdue", equalTo(true));
        asDpo().queryParam("ticketRef", ref).queryParam("overdue", "true").get(BASE).then()
                .body("items.id", hasItem(id)).body("items[0].overdue", equalTo(true));
        asDpo().queryParam("ticketRef", ref).queryParam("overdue", "false").get(BASE).then()
                .body("items", hasSize(0));
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({ "size,0", "size,201", "size,ten", "page,-1", "state,DONE", "source,ROBOT", "overdue,maybe",
            "receivedFrom,yesterday", "dueBefore,2026-13-01T00:00:00Z" })
    void aBadParameterIs400NamingIt(String parameter, String value) {
        asDpo().queryParam(parameter, value).get(BASE).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(parameter))
                .body("errors[1]", nullValue());
    }

    private static String create() {
        return submit(Api.conversations(ticketRef("DPO-page"), 1)).then().statusCode(202).extract().path("id");
    }
}
