package com.erasureworker.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every checkpoint leaves the database: as an audit.checkpoint webhook event, and in the JSON lines an auditor
 * downloads, each line carrying the signed statement that the served public key verifies and the link to the one
 * before it.
 */
@QuarkusTest
class CheckpointPublicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AuditTrail trail;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void checkpointsAreDownloadableAsSignedLinkedJsonLinesAndPublishedAsWebhookEvents() throws Exception {
        String subscription = given().auth().preemptive().basic("admin", "admin-demo-password")
                .contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/unused", "eventTypes", List.of("audit.checkpoint")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getString("id");
        record();
        AuditCheckpoint first = QuarkusTransaction.requiringNew().call(() -> checkpoints.signHead()).orElseThrow();
        record();
        AuditCheckpoint second = QuarkusTransaction.requiringNew().call(() -> checkpoints.signHead()).orElseThrow();

        String body = given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/checkpoints?fromSequence=" + first.sequence())
                .then().statusCode(200).contentType("application/jsonl").extract().asString();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(line -> line.get("sequence").asLong())
                .containsExactly(first.sequence(), second.sequence());
        JsonNode last = lines.get(1);
        assertThat(last.get("previousSequence").asLong()).isEqualTo(first.sequence());
        assertThat(last.get("previousSignature").asText()).isEqualTo(first.signature());
        assertThat(verifies(last.get("statement").asText(), last.get("signature").asText())).isTrue();
        assertThat(verifies(last.get("statement").asText().replace("sequence=", "sequence=1"),
                last.get("signature").asText())).isFalse();

        assertThat(webhookPayload(second.signature())).contains("\"sequence\":" + second.sequence());
        given().auth().preemptive().basic("dpo", "dpo-demo-password").get("/api/v1/audit-events/checkpoints")
                .then().statusCode(403);
        given().auth().preemptive().basic("admin", "admin-demo-password").delete("/api/v1/webhooks/" + subscription);
    }

    private boolean verifies(String statement, String signature) throws Exception {
        String key = given().auth().preemptive().basic("auditor", "auditor-demo-password")
                .get("/api/v1/audit-events/public-key").then().statusCode(200).extract().path("publicKey");
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(publicKey);
        ed25519.update(statement.getBytes(StandardCharsets.UTF_8));
        return ed25519.verify(Base64.getDecoder().decode(signature));
    }

    private String webhookPayload(String signature) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select payload::text from webhook_event where type = "
                        + "'audit.checkpoint' and position('" + signature + "' in payload) > 0")) {
            assertThat(row.next()).as("an audit.checkpoint event with signature %s", signature).isTrue();
            return row.getString(1);
        }
    }

    private void record() {
        QuarkusTransaction.requiringNew().run(() -> trail.record(AuditType.TARGET_STATE_CHANGED, "tester",
                UUID.randomUUID(), null, Map.of("n", 1)));
    }
}
