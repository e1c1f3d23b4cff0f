package com.erasureworker.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** What operators watch: ticket and chain gauges, readiness tied to the audit chain, failed sign-ins in the trail. */
@QuarkusTest
class OperationsSignalsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    com.erasureworker.signin.SignInFailures failures;

    @Test
    void metricsCountTicketsOverdueAtRiskStuckTargetsAndTheChainLength() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("erasure_tickets{state=\"IN_PROGRESS\"}", "erasure_tickets_overdue",
                "erasure_tickets_at_risk", "erasure_targets_stuck", "audit_chain_length", "dixa_too_many_requests_total");
    }

    @Test
    void readinessDoesNotWaitForTheChainLockSoNobodyCanStallItByHoldingOrFloodingIt() throws Exception {
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("select * from audit_chain_lock()"); // the head lock, as every append takes it

            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'Audit trail writable' }.status", equalTo("UP"));
            holder.rollback();
        }
    }

    @Test
    void failedSignInsAreCountedAndAggregatedWithoutTheNameTriedOrThePath() throws Exception {
        String tried = "mallory-" + System.nanoTime();
        given().auth().preemptive().basic(tried, "wrong").get("/api/v1/erasure-requests/" + tried).then().statusCode(401);
        failures.flush();

        assertThat(lastEventType()).isEqualTo("SIGN_IN_FAILURES");
        assertThat(lastEventDetail()).contains("/api/v1/erasure-requests/{id}").doesNotContain(tried);
        assertThat(given().get("/q/metrics").then().extract().asString()).contains("api_sign_in_failures_total");
    }

    private String lastEventType() throws Exception {
        return single("select type from audit_event where type like 'SIGN_IN_FAILURE%' order by sequence desc limit 1");
    }

    private String lastEventDetail() throws Exception {
        return single("select detail::text from audit_event where type = 'SIGN_IN_FAILURES' order by sequence desc limit 1");
    }

    private String single(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

}
