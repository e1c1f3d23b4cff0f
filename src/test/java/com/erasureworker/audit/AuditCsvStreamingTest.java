package com.erasureworker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.erasureworker.privacy.KeyedHash;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A CSV export larger than one fetch of the database cursor streams (chunked, no Content-Length), in sequence order, every
 * row once, and the export is itself audited with its row count. The 100,000-event version with its heap figures is
 * {@link AuditCsvStreamingBenchmark} (-Pbench).
 */
@QuarkusTest
class AuditCsvStreamingTest {

    private static final int EVENTS = 1_200;

    @Inject
    AuditTrail trail;

    @Inject
    KeyedHash fingerprint;

    @TestHTTPResource("/api/v1/audit-events")
    URL events;

    @Test
    void anExportOfMoreEventsThanOneCursorFetchStreamsEveryRowOnceInSequenceOrderAndIsAudited() throws Exception {
        String actor = "bulk-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < EVENTS; i++) {
                trail.record(AuditType.DIXA_CALL, actor, null, null, Map.of("n", i, "method", "GET",
                        "path", "/conversations/{conversationId}/activitylog", "status", 200));
            }
        });

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(events + "?actor=" + actor)).header("Accept", "text/csv")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "auditor:auditor-demo-password".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).as("chunked: not buffered to count").isEmpty();
        long rows = 0;
        long lastSequence = 0;
        try (CSVParser parser = AuditCsv.FORMAT.builder().setSkipHeaderRecord(true).get()
                .parse(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (CSVRecord row : parser) {
                long sequence = Long.parseLong(row.get("sequence"));
                assertThat(sequence).isGreaterThan(lastSequence);
                lastSequence = sequence;
                rows++;
            }
        }

        assertThat(rows).isEqualTo(EVENTS);
        // The EXPORTED event is written by the server thread once the last row is sent: that thread is waited for.
        await().atMost(Duration.ofSeconds(30)).until(() -> AuditEventExportTest.as("auditor")
                .queryParam("type", "EXPORTED").queryParam("actor", "auditor").queryParam("size", 500)
                .get("/api/v1/audit-events").then().extract().jsonPath().getList("items.findAll { it.detail.filter.actorHash == '"
                        + fingerprint.keyedHash(actor) + "' }.detail.rows"), exported -> exported.contains(EVENTS));
    }
}
