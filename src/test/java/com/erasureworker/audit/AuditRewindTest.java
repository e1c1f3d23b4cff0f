package com.erasureworker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The trail cannot be rewound by the database's owner unseen: with triggers off for a moment, the owner deletes the
 * newest checkpoints and every event after a sequence below them and moves the head back. The checkpoints left are
 * consistent among themselves, but the last checkpoint the signer signed (kept outside the database) is gone, so
 * /verify answers invalid, the signer refuses to sign the cut head, and an auditor's held checkpoint shows it too.
 */
@QuarkusTest
class AuditRewindTest {

    @Inject
    AuditTrail trail;

    @Inject
    AuditCheckpoints checkpoints;

    @Test
    void anOwnerWhoCutsTheTrailBackIsReportedAndNotSignedOver() throws Exception {
        recordOne();
        long kept = recordOne();
        QuarkusTransaction.requiringNew().call(() -> checkpoints.signHead()).orElseThrow();
        long cut = recordOne();
        recordOne();
        AuditCheckpoint newest = QuarkusTransaction.requiringNew().call(() -> checkpoints.signHead()).orElseThrow();
        assertThat(verify("").getBoolean("valid")).isTrue();
        assertThat(verify("?expect=" + newest.sequence() + ":" + newest.hash()).getBoolean("valid")).isTrue();

        OwnerConnection.execute("create table rewind_event as select * from audit_event where sequence > " + cut,
                "create table rewind_checkpoint as select * from audit_checkpoint where sequence > " + kept,
                "create table rewind_head as select * from audit_chain_head");
        try {
            OwnerConnection.execute(
                    "alter table audit_event disable trigger audit_event_no_update_or_delete",
                    "alter table audit_checkpoint disable trigger audit_checkpoint_no_update_or_delete",
                    "alter table audit_chain_head disable trigger audit_chain_head_forward",
                    "delete from audit_event where sequence > " + cut,
                    "delete from audit_checkpoint where sequence > " + kept,
                    "update audit_chain_head set last_sequence = " + cut + ", last_hash = (select hash from audit_event "
                            + "where sequence = " + cut + ")",
                    "alter table audit_event enable trigger audit_event_no_update_or_delete",
                    "alter table audit_checkpoint enable trigger audit_checkpoint_no_update_or_delete",
                    "alter table audit_chain_head enable trigger audit_chain_head_forward");

            JsonPath verification = verify("");
            assertThat(verification.getBoolean("valid")).isFalse();
            assertThat(verification.getString("reason")).contains("continuity")
                    .contains("sequence " + newest.sequence());
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> checkpoints.signHead()))
                    .hasStackTraceContaining("audit checkpoint refused");
            assertThat(checkpoints.latest().orElseThrow().sequence()).isEqualTo(kept);

            JsonPath held = verify("?expect=" + newest.sequence() + ":" + newest.hash());
            assertThat(held.getBoolean("valid")).isFalse();
        } finally {
            OwnerConnection.execute(
                    "alter table audit_event disable trigger audit_event_no_update_or_delete",
                    "alter table audit_chain_head disable trigger audit_chain_head_forward",
                    "delete from audit_event where sequence > " + cut,
                    "insert into audit_event select * from rewind_event",
                    "insert into audit_checkpoint select * from rewind_checkpoint",
                    "update audit_chain_head h set last_sequence = r.last_sequence, last_hash = r.last_hash "
                            + "from rewind_head r",
                    "alter table audit_event enable trigger audit_event_no_update_or_delete",
                    "alter table audit_chain_head enable trigger audit_chain_head_forward",
                    "drop table rewind_event", "drop table rewind_checkpoint", "drop table rewind_head");
        }
        assertThat(verify("").getBoolean("valid")).isTrue();
    }

    @Test
    void aHeldPositionOutsideTheRequestedRangeIsRefusedNotIgnored() {
        long sequence = recordOne();
        String hash = "b".repeat(64);
        given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/verify?fromSequence=" + sequence + "&expectSequence=" + (sequence - 1)
                        + "&expectHash=" + hash)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/verify?toSequence=" + sequence + "&expect=" + (sequence + 1) + ":" + hash)
                .then().statusCode(400);
        given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/verify?expect=" + sequence + ":nothex").then().statusCode(400);
    }

    private long recordOne() {
        return QuarkusTransaction.requiringNew().call(() -> trail.record(AuditType.TARGET_STATE_CHANGED, "tester",
                UUID.randomUUID(), null, Map.of("n", 1)).sequence);
    }

    private static JsonPath verify(String query) {
        return given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/verify" + query).then().statusCode(200).extract().jsonPath();
    }
}
