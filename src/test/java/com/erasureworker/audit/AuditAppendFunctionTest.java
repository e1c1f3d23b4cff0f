package com.erasureworker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The runtime role appends to the audit trail only through the owner's functions, which assign the next sequence and
 * check the links: it can no longer insert events or checkpoints directly, move the head, or plant a checkpoint far
 * ahead or an event at head + 1 that jammed every later append.
 */
@QuarkusTest
class AuditAppendFunctionTest {

    private static final String HASH = "a".repeat(64);

    @Inject
    AuditTrail trail;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theRuntimeRoleCannotInsertEventsOrCheckpointsOrMoveTheHeadDirectly() throws Exception {
        long head = recordOne();
        for (String sql : new String[] {
            "insert into audit_event (sequence, occurred_at, actor, type, detail, previous_hash, hash, hash_form) "
                    + "values (" + (head + 1) + ", now(), 'mallory', 'X', '{}', '" + HASH + "', '" + HASH + "', 2)",
            "insert into audit_checkpoint (sequence, hash, signed_at, key_id, signature) "
                    + "values (9000000000000000000, '" + HASH + "', now(), 'k', 's')",
            "update audit_chain_head set last_sequence = 9000000000000000000 where id = 1",
            "select * from audit_chain_head for update" }) {
            assertThatThrownBy(() -> runtime(sql)).as(sql).hasMessageContaining("permission denied");
        }
        assertThat(recordOne()).isEqualTo(head + 1);
        assertThat(verifyValid()).isTrue();
    }

    @Test
    void theFunctionsRefuseAFarCheckpointAnEventOutOfTurnOrOneThatDoesNotLink() throws Exception {
        long head = recordOne();
        String headHash = single("select last_hash from audit_chain_head");
        assertThatThrownBy(() -> runtime("select audit_append_checkpoint(9000000000000000000, '" + HASH
                + "', now(), 'k', 's', 0, '" + "0".repeat(64) + "', '')"))
                .hasMessageContaining("no event 9000000000000000000");
        assertThatThrownBy(() -> runtime("select audit_append_event(" + (head + 2) + ", now(), 'mallory', null, null, "
                + "'X', '{}', '" + headHash + "', '" + HASH + "', 2::smallint)")).hasMessageContaining("not the next");
        assertThatThrownBy(() -> runtime("select audit_append_event(" + (head + 1) + ", now(), 'mallory', null, null, "
                + "'X', '{}', '" + HASH + "', '" + HASH + "', 2::smallint)"))
                .hasMessageContaining("previous hash does not match");
        assertThatThrownBy(() -> runtime("select audit_append_checkpoint(" + head + ", '" + headHash
                + "', now(), 'k', 's', 1, '" + HASH + "', 'not the newest')"))
                .hasMessageContaining("does not name the newest checkpoint");

        assertThat(recordOne()).isEqualTo(head + 1);
        AuditCheckpoint signed = QuarkusTransaction.requiringNew().call(() -> checkpoints.signHead()).orElseThrow();
        assertThat(signed.sequence()).isEqualTo(head + 1);
        assertThat(signed.form()).isEqualTo(2);
        assertThat(verifyValid()).isTrue();
    }

    private long recordOne() {
        return QuarkusTransaction.requiringNew().call(() -> trail.record(AuditType.TARGET_STATE_CHANGED, "tester",
                UUID.randomUUID(), null, Map.of("n", 1)).sequence);
    }

    private void runtime(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String single(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static boolean verifyValid() {
        return given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/verify").then().statusCode(200).extract().jsonPath().getBoolean("valid");
    }
}
