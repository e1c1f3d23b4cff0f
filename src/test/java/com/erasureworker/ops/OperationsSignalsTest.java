package com.erasureworker.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What operators watch: ticket and chain gauges, readiness tied to the audit chain, failed sign-ins in the trail. */
@QuarkusTest
class OperationsSignalsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void metricsCountTicketsOverdueAtRiskStuckTargetsAndTheChainLength() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("erasure_tickets{state=\"IN_PROGRESS\"}", "erasure_tickets_overdue",
                "erasure_tickets_at_risk", "erasure_targets_stuck", "audit_chain_length", "dixa_too_many_requests_total");
    }

    @Test
    void readinessFailsWhileTheAuditChainHeadCannotBeWritten() throws Exception {
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("select * from audit_chain_head where id = 1 for update");

            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'Audit chain head writable' }.status", equalTo("DOWN"));
            holder.rollback();
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aFailedSignInLandsInTheAuditTrailWithoutTheNameTried() throws Exception {
        String tried = "mallory-" + System.nanoTime();
        given().auth().preemptive().basic(tried, "wrong").get("/api/v1/erasure-requests").then().statusCode(401);

        await().atMost(Duration.ofSeconds(10)).until(() -> lastEventType().equals("SIGN_IN_FAILED"));
        JsonPath events = given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/head").then().extract().jsonPath();
        assertThat(events.getLong("sequence")).isPositive();
        assertThat(lastEventDetail()).contains("/api/v1/erasure-requests").doesNotContain(tried);
    }

    private String lastEventType() throws Exception {
        return single("select type from audit_event where type = 'SIGN_IN_FAILED' order by sequence desc limit 1");
    }

    private String lastEventDetail() throws Exception {
        return single("select detail::text from audit_event where type = 'SIGN_IN_FAILED' order by sequence desc limit 1");
    }

    private String single(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

}
