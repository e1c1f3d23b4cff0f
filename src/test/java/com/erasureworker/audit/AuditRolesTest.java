package com.erasureworker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit trail holds against the people who hold the application's own credentials: the runtime role cannot
 * rewrite it at all, and a rewrite by the owner role that recomputes every later hash is found by the signed
 * checkpoints and by an auditor's anchor.
 */
@QuarkusTest
class AuditRolesTest {

    @Inject
    AuditTrail trail;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theApplicationRunsAsARuntimeRoleThatOwnsNothing() throws Exception {
        assertThat(runtime("select current_user")).isEqualTo("erasure_app");
        assertThat(runtime("select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user"))
                .isEqualTo("0");
    }

    @Test
    void theRuntimeRoleCanNeitherDisableTriggersNorRewriteTruncateOrDropTheAuditTables() {
        long sequence = recordOne();
        for (String sql : List.of("alter table audit_event disable trigger audit_event_no_update_or_delete",
                "alter table audit_event disable trigger all",
                "update audit_event set actor = 'mallory' where sequence = " + sequence,
                "delete from audit_event where sequence = " + sequence,
                "truncate audit_event", "truncate audit_chain_head", "truncate audit_checkpoint",
                "delete from audit_chain_head", "update audit_chain_head set id = 1",
                "update audit_checkpoint set hash = hash", "delete from audit_checkpoint",
                "drop table audit_event", "drop table audit_chain_head", "drop table audit_checkpoint",
                "drop trigger audit_event_no_update_or_delete on audit_event",
                "alter table audit_event owner to erasure_app")) {
            assertThatThrownBy(() -> runtimeExecute(sql)).as(sql)
                    .hasMessageMatching("(?s).*(permission denied|must be owner|must be able to SET ROLE).*");
        }
        assertThat(verify("").getBoolean("valid")).isTrue();
    }

    @Test
    void theHeadRefusesTruncateEvenFromItsOwner() {
        assertThatThrownBy(() -> OwnerConnection.execute("truncate audit_chain_head"))
                .hasMessageContaining("only moves forward");
    }

    @Test
    void anOwnersRewriteWithEveryLaterHashRecomputedIsFoundByTheCheckpointAndTheAnchor() throws Exception {
        long rewritten = recordOne();
        recordOne();
        long signed = recordOne();
        AuditCheckpoint checkpoint = QuarkusTransaction.requiringNew().call(() -> checkpoints.signHead()).orElseThrow();
        assertThat(checkpoint.sequence()).isEqualTo(signed);
        assertThat(verify("").getBoolean("valid")).isTrue();

        List<Object[]> original = rows(rewritten);
        try {
            rewriteFrom(rewritten);
            JsonPath verification = verify("");
            assertThat(verification.getBoolean("valid")).isFalse();
            assertThat(verification.getLong("firstInvalidSequence")).isLessThanOrEqualTo(rewritten);
            assertThat(verification.getString("reason")).contains("checkpoint at sequence " + signed);

            JsonPath anchored = verify("?fromSequence=" + signed + "&expectSequence=" + signed + "&expectHash="
                    + checkpoint.hash());
            assertThat(anchored.getBoolean("valid")).isFalse();
            assertThat(anchored.getString("reason")).contains("anchor");
        } finally {
            restore(original);
        }
        assertThat(verify("?expectSequence=" + signed + "&expectHash=" + checkpoint.hash()).getBoolean("valid"))
                .isTrue();
    }

    @Test
    void theCheckpointKeyIsServedSoAuditorsCanVerifyWithoutTrustingTheService() {
        JsonPath key = given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/public-key").then().statusCode(200).extract().jsonPath();
        assertThat(key.getString("algorithm")).isEqualTo("Ed25519");
        assertThat(key.getString("pem")).startsWith("-----BEGIN PUBLIC KEY-----");
        given().get("/api/v1/audit-events/public-key").then().statusCode(401);
    }

    /** What the owner could do: change an event, recompute every later hash, and move the head to match. */
    private void rewriteFrom(long sequence) throws Exception {
        try (Connection owner = OwnerConnection.open(); Statement statement = owner.createStatement()) {
            owner.setAutoCommit(false);
            statement.execute("alter table audit_event disable trigger audit_event_no_update_or_delete");
            statement.execute("update audit_event set detail = '{\"n\": 666}'::jsonb where sequence = " + sequence);
            String previous = null;
            try (ResultSet row = statement.executeQuery("select sequence, occurred_at, actor, request_id, target_id, "
                    + "type, detail::text, previous_hash, hash_form from audit_event where sequence >= " + sequence
                    + " order by sequence")) {
                List<String[]> updates = new ArrayList<>();
                while (row.next()) {
                    String linked = previous == null ? row.getString(8) : previous;
                    previous = CanonicalEvent.hash(row.getShort(9), linked, row.getLong(1),
                            row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
                            row.getObject(4, UUID.class), row.getObject(5, UUID.class), row.getString(6),
                            CanonicalEvent.parse(row.getString(7)));
                    updates.add(new String[] { row.getString(1), linked, previous });
                }
                for (String[] update : updates) {
                    statement.execute("update audit_event set previous_hash = '" + update[1] + "', hash = '"
                            + update[2] + "' where sequence = " + update[0]);
                }
            }
            statement.execute("update audit_chain_head set last_hash = '" + previous + "' where id = 1");
            statement.execute("alter table audit_event enable trigger audit_event_no_update_or_delete");
            owner.commit();
        }
    }

    private static List<Object[]> rows(long from) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection owner = OwnerConnection.open(); Statement statement = owner.createStatement();
                ResultSet row = statement.executeQuery("select sequence, detail::text, previous_hash, hash from "
                        + "audit_event where sequence >= " + from + " order by sequence")) {
            while (row.next()) {
                rows.add(new Object[] { row.getLong(1), row.getString(2), row.getString(3), row.getString(4) });
            }
        }
        return rows;
    }

    private static void restore(List<Object[]> rows) throws Exception {
        try (Connection owner = OwnerConnection.open()) {
            owner.setAutoCommit(false);
            owner.createStatement().execute("alter table audit_event disable trigger audit_event_no_update_or_delete");
            try (PreparedStatement update = owner.prepareStatement("update audit_event set detail = ?::jsonb, "
                    + "previous_hash = ?, hash = ? where sequence = ?")) {
                for (Object[] row : rows) {
                    update.setString(1, (String) row[1]);
                    update.setString(2, (String) row[2]);
                    update.setString(3, (String) row[3]);
                    update.setLong(4, (Long) row[0]);
                    update.executeUpdate();
                }
            }
            Object[] last = rows.get(rows.size() - 1);
            owner.createStatement().execute("update audit_chain_head set last_hash = '" + last[3] + "' where id = 1");
            owner.createStatement().execute("alter table audit_event enable trigger audit_event_no_update_or_delete");
            owner.commit();
        }
    }

    private long recordOne() {
        return QuarkusTransaction.requiringNew().call(() -> trail.record(AuditType.TARGET_STATE_CHANGED, "tester",
                UUID.randomUUID(), null, Map.of("n", 1)).sequence);
    }

    private String runtime(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private void runtimeExecute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static JsonPath verify(String query) {
        return given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/verify" + query).then().statusCode(200).extract().jsonPath();
    }
}
