package com.erasureworker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Deep audit pages by keyset: the next link walks the whole selection once, and deep page numbers are refused. */
@QuarkusTest
class AuditEventKeysetTest {

    private static final String EVENTS = "/api/v1/audit-events";

    @Inject
    AuditTrail trail;

    @Test
    void theNextLinkWalksEveryEventOnceInSequenceOrder() {
        String actor = "keyset-" + UUID.randomUUID();
        String since = java.time.Instant.now().minusSeconds(1).toString();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 7; i++) {
                trail.record(AuditType.DIXA_CALL, actor, null, null, Map.of("n", i));
            }
        });
        List<Long> sequences = new ArrayList<>();
        String next = EVENTS + "?actor=" + actor + "&size=3";
        int pages = 0;
        while (next != null) {
            JsonPath page = auditor().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
            sequences.addAll(page.getList("items.sequence", Long.class));
            assertThat(page.getLong("total")).as("counted from the page's start").isPositive();
            assertThat(page.getBoolean("totalExact")).isTrue();
            next = page.getString("next");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(sequences).hasSize(7).isSorted().doesNotHaveDuplicates();
        assertThat(next).isNull();

        // A time range pages in time order by the same link.
        List<Long> inRange = new ArrayList<>();
        next = EVENTS + "?actor=" + actor + "&size=3&from=" + since;
        while (next != null) {
            JsonPath page = auditor().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
            inRange.addAll(page.getList("items.sequence", Long.class));
            next = page.getString("next");
        }
        assertThat(inRange).isEqualTo(sequences);
    }

    @Test
    void deepPageNumbersAndBadKeysetsAnswer400() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("page", 101, "size", 100),
                Map.of("afterSequence", -1), Map.of("afterSequence", "x"), Map.of("afterSequence", 5, "page", 1))) {
            String field = bad.containsKey("page") && !bad.containsKey("afterSequence") || bad.size() == 2 ? "page"
                    : "afterSequence";
            auditor().queryParams(bad).get(EVENTS).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(field));
        }
        auditor().queryParam("page", 100).queryParam("size", 100).get(EVENTS).then().statusCode(200);
    }

    private static RequestSpecification auditor() {
        return given().auth().preemptive().basic("auditor", "auditor-demo-password");
    }
}
