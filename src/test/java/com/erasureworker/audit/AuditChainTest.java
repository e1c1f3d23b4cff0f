package com.erasureworker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The audit trail is one unbroken hash chain that the database keeps append-only and that detects tampering. */
@QuarkusTest
class AuditChainTest {

    @Inject
    AuditTrail trail;

    @Test
    void concurrentWritersStillProduceOneUnbrokenGaplessChain() throws Exception {
        long before = head().getLong("sequence");
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            int w = writer;
            done.add(writers.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    int n = i;
                    QuarkusTransaction.requiringNew().run(() -> trail.record(AuditType.TARGET_STATE_CHANGED, "writer-" + w,
                            UUID.randomUUID(), null, Map.of("n", n, "nested", Map.of("b", 2, "a", List.of(1, 2)))));
                }
            }));
        }
        for (Future<?> writer : done) {
            writer.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();

        JsonPath verification = verify("");
        assertThat(head().getLong("sequence")).isEqualTo(before + 200);
        assertThat(verification.getBoolean("valid")).isTrue();
        assertThat(verification.getLong("checked")).isEqualTo(before + 200);
        assertThat(verification.getString("firstInvalidSequence")).isNull();
    }

    @Test
    void evenForItsOwnerTheDatabaseRefusesToUpdateDeleteOrTruncateAuditEvents() {
        long sequence = recordOne();

        assertThatThrownBy(() -> execute("update audit_event set actor = 'mallory' where sequence = " + sequence))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("delete from audit_event where sequence = " + sequence))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("truncate audit_event")).hasMessageContaining("append-only");
        assertThat(verify("").getBoolean("valid")).isTrue();
    }

    @Test
    void anEditBehindTheApplicationsBackIsFoundAtItsSequence() throws Exception {
        long sequence = recordOne();
        recordOne();
        try {
            execute("alter table audit_event disable trigger audit_event_no_update_or_delete",
                    "update audit_event set detail = '{\"n\": 999}'::jsonb where sequence = " + sequence);

            JsonPath verification = verify("");
            assertThat(verification.getBoolean("valid")).isFalse();
            assertThat(verification.getLong("firstInvalidSequence")).isEqualTo(sequence);
            assertThat(verification.getString("reason")).contains("hash");
            assertThat(verify("?fromSequence=" + (sequence + 1)).getBoolean("valid")).isTrue();
        } finally {
            execute("update audit_event set detail = '{\"n\": 1}'::jsonb where sequence = " + sequence,
                    "alter table audit_event enable trigger audit_event_no_update_or_delete");
        }
        assertThat(verify("").getBoolean("valid")).isTrue();
    }

    @Test
    void aDeletedEventLeavesAGapThatVerificationReports() throws Exception {
        long sequence = recordOne();
        recordOne();
        try {
            execute("create table saved_event as select * from audit_event where sequence = " + sequence,
                    "alter table audit_event disable trigger audit_event_no_update_or_delete",
                    "delete from audit_event where sequence = " + sequence);

            JsonPath verification = verify("");
            assertThat(verification.getBoolean("valid")).isFalse();
            assertThat(verification.getLong("firstInvalidSequence")).isEqualTo(sequence);
            assertThat(verification.getString("reason")).isEqualTo("event missing");
        } finally {
            execute("insert into audit_event select * from saved_event",
                    "alter table audit_event enable trigger audit_event_no_update_or_delete", "drop table saved_event");
        }
        assertThat(verify("").getBoolean("valid")).isTrue();
    }

    @Test
    void onlyAuditorsAndAdminsMayVerifyTheChain() {
        given().get("/api/v1/audit-events/verify").then().statusCode(401);
        given().auth().preemptive().basic("dpo", "dpo-demo-password").get("/api/v1/audit-events/verify")
                .then().statusCode(403);
        given().auth().preemptive().basic("admin", "admin-demo-password").get("/api/v1/audit-events/head")
                .then().statusCode(200);
    }

    private long recordOne() {
        return QuarkusTransaction.requiringNew().call(() -> trail.record(AuditType.TARGET_STATE_CHANGED, "tester",
                UUID.randomUUID(), null, Map.of("n", 1)).sequence);
    }

    /**
     * Runs the statements as the owner role: the runtime role the application uses may not even try
     * (AuditRolesTest).
     */
    private void execute(String... sql) throws SQLException {
        OwnerConnection.execute(sql);
    }

    private static JsonPath verify(String query) {
        return given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/verify" + query).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath head() {
        return given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/head").then().statusCode(200).extract().jsonPath();
    }
}
