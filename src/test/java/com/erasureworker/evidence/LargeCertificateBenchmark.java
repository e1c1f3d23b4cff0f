package com.erasureworker.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A certificate of a 20,000-target ticket stays bounded: the JSON and PDF give the count and the SHA-256 of the
 * entities annex instead of listing them, and the annex (CSV, streamed) lists every entity with its Dixa request id
 * and processedAt; its bytes hash to the SHA-256 the certificate states. The ticket is inserted by SQL, COMPLETED
 * with its evidence captured, so no job touches it. A benchmark (-Pbench) for the size and for the replica's checks made
 * while the build runs (they depend on how long it takes); {@link LargeCertificateTest} keeps the behaviour at 2,500.
 */
@Tag("bench")
@QuarkusTest
class LargeCertificateBenchmark {

    private static final String TICKETS = "/api/v1/erasure-requests";
    private static final int TARGETS = 20_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTwentyThousandTargetCertificateBindsItsStreamedEntitiesAnnexBySha256() throws Exception {
        UUID id = completedTicket(TARGETS);

        JsonPath certificate = as("auditor").get(TICKETS + "/" + id + "/certificate").then().statusCode(200)
                .extract().jsonPath();
        assertThat(certificate.getList("erased")).isNull();
        assertThat(certificate.getLong("entities.count")).isEqualTo(TARGETS);
        String sha256 = certificate.getString("entities.sha256");
        assertThat(certificate.getString("entities.href")).isEqualTo(TICKETS + "/" + id + "/certificate/entities");

        byte[] csv = as("auditor").get(TICKETS + "/" + id + "/certificate/entities").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv))).isEqualTo(sha256);
        List<CSVRecord> rows = CertificateEntities.FORMAT.builder().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv, java.nio.charset.StandardCharsets.UTF_8))).getRecords();
        assertThat(rows).hasSize(TARGETS);
        assertThat(rows.get(0).get("type")).isEqualTo("CONVERSATION");
        assertThat(rows.get(0).get("dixaRequestId")).isNotBlank();
        assertThat(rows.get(0).get("processedAt")).endsWith("Z");

        byte[] pdf = as("dpo").accept("application/pdf").get(TICKETS + "/" + id + "/certificate").then()
                .statusCode(200).extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isLessThan(10);
            assertThat(new PDFTextStripper().getText(document)).contains(sha256).contains("(" + TARGETS + ")");
        }
    }

    /**
     * Another replica keeps working while a large certificate is built: its readiness stays UP and it can take the
     * chain-head lock that every audit append needs (within the half second an append may wait), because the issuer
     * reads the ticket without that lock and holds it only for the CERTIFICATE_ISSUED append. The certificate and its
     * annex are streamed (chunked, no Content-Length): neither is built whole in memory first; the PDF is a summary
     * of a few pages whatever the ticket size.
     */
    @Test
    void whileALargeCertificateIsBuiltReadinessStaysUpAndTheChainHeadStaysFree() throws Exception {
        UUID id = completedTicket(TARGETS);
        ExecutorService auditor = Executors.newSingleThreadExecutor();
        Future<List<Response>> built = auditor.submit(() -> List.of(
                as("auditor").get(TICKETS + "/" + id + "/certificate"),
                as("dpo").accept("application/pdf").get(TICKETS + "/" + id + "/certificate"),
                as("auditor").get(TICKETS + "/" + id + "/certificate/entities"),
                as("auditor").get(TICKETS + "/" + id + "/certificate")));
        int checks = 0;
        try (Connection replica = dataSource.getConnection(); Statement sql = replica.createStatement()) {
            replica.setAutoCommit(false);
            do {
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
                sql.execute("set local lock_timeout = '500ms'");
                sql.executeQuery("select last_sequence from audit_chain_head for update").close();
                replica.rollback();
                checks++;
            } while (!built.isDone());
        } finally {
            auditor.shutdown();
        }

        List<Response> responses = built.get();
        assertThat(responses).extracting(Response::statusCode).containsOnly(200);
        // The JSON certificates and the annex are streamed; the PDF is a bounded summary (tested above).
        assertThat(List.of(responses.get(0), responses.get(2), responses.get(3))).allSatisfy(response -> {
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        });
        assertThat(checks).as("replica checks made while the certificate was built").isGreaterThan(1);
        assertThat(issuedCertificates(id)).isEqualTo(3);
    }

    private long issuedCertificates(UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement count = connection.prepareStatement(
                "select count(*) from audit_event where request_id = ? and type = 'CERTIFICATE_ISSUED'")) {
            count.setObject(1, id);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private UUID completedTicket(int targets) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement ticket = connection.prepareStatement("insert into erasure_request (id, ticket_ref, "
                    + "source, state, outcome, subject_type, content_hash, close_policy, requested_by, received_at, "
                    + "due_at, completed_at, evidence_captured) values (?, ?, 'SWEEP', 'COMPLETED', 'ERASED', "
                    + "'CONVERSATIONS', 'test', 'WAIT_THEN_FORCE', 'sweep', now() - interval '1 day', "
                    + "now() + interval '29 days', now(), true)")) {
                ticket.setObject(1, id);
                ticket.setString(2, "large-cert-" + id);
                ticket.executeUpdate();
            }
            try (PreparedStatement rows = connection.prepareStatement("insert into erasure_target (id, request_id, "
                    + "type, dixa_id, conversation_id, state, priority, dixa_request_id, initiated_at, processed_at, "
                    + "verification, verified_at, next_attempt_at, created_at, updated_at) select gen_random_uuid(), ?, "
                    + "'CONVERSATION', (8000000 + n)::text, 8000000 + n, 'DONE', 1, gen_random_uuid(), now(), now(), "
                    + "'VERIFIED', now(), now(), now() + n * interval '1 microsecond', now() "
                    + "from generate_series(0, ? - 1) n")) {
                rows.setObject(1, id);
                rows.setInt(2, targets);
                rows.executeUpdate();
            }
            try (PreparedStatement evidence = connection.prepareStatement("insert into evidence_capture (request_id, "
                    + "captured_at, conversations, entries) values (?, now(), 0, 0)")) {
                evidence.setObject(1, id);
                evidence.executeUpdate();
            }
        }
        return id;
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password");
    }
}
