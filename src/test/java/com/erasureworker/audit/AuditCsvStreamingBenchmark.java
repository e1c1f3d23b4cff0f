package com.erasureworker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 100,000-event CSV export streams: the heap that stays reachable while it runs grows by far less than the CSV's
 * size. Live heap is sampled with MemoryMXBean right after a requested GC, every 250 ms; the raw (garbage included)
 * peak is printed too. A benchmark (-Pbench): {@link AuditCsvStreamingTest} keeps the behaviour at a small size.
 */
@Tag("bench")
@QuarkusTest
class AuditCsvStreamingBenchmark {

    @jakarta.inject.Inject
    com.erasureworker.privacy.KeyedHash fingerprint;

    private static final int EVENTS = 100_000;
    private static final int PER_TRANSACTION = 5_000;

    @Inject
    AuditTrail trail;

    @TestHTTPResource("/api/v1/audit-events")
    URL events;

    @Test
    void aHundredThousandEventExportStreamsWithFlatMemory() throws Exception {
        String actor = "bulk-" + UUID.randomUUID();
        long writeStart = System.nanoTime();
        // Through AuditTrail in a few big transactions: every event is a valid chain link.
        for (int batch = 0; batch < EVENTS / PER_TRANSACTION; batch++) {
            int first = batch * PER_TRANSACTION;
            QuarkusTransaction.requiringNew().timeout(300).run(() -> {
                for (int i = first; i < first + PER_TRANSACTION; i++) {
                    trail.record(AuditType.DIXA_CALL, actor, null, null, Map.of("n", i, "method", "GET",
                            "path", "/conversations/{conversationId}/activitylog", "status", 200));
                }
            });
        }
        System.out.printf("CSV streaming: wrote %d events in %d ms%n", EVENTS, (System.nanoTime() - writeStart) / 1_000_000);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = liveHeap(memory);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong livePeak = new AtomicLong(before);
        AtomicLong rawPeak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                rawPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                livePeak.accumulateAndGet(liveHeap(memory), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");

        long exportStart = System.nanoTime();
        sampler.start();
        long rows = 0;
        long lastSequence = 0;
        CountingStream body;
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(events + "?actor=" + actor)).header("Accept", "text/csv")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "auditor:auditor-demo-password".getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Length")).isEmpty(); // chunked: not buffered to count
            body = new CountingStream(response.body());
            try (CSVParser parser = AuditCsv.FORMAT.builder().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (CSVRecord row : parser) {
                    long sequence = Long.parseLong(row.get("sequence"));
                    assertThat(sequence).isGreaterThan(lastSequence);
                    lastSequence = sequence;
                    rows++;
                }
            }
        } finally {
            running.set(false);
            sampler.join();
        }
        long exportMillis = (System.nanoTime() - exportStart) / 1_000_000;
        long after = liveHeap(memory);
        long growth = livePeak.get() - before;

        System.out.printf("CSV streaming: %d rows, %.1f MB of CSV in %d ms; live heap before %.1f MB, peak %.1f MB "
                + "(growth %.1f MB), after %.1f MB; raw heap peak %.1f MB%n", rows, mb(body.count), exportMillis,
                mb(before), mb(livePeak.get()), mb(growth), mb(after), mb(rawPeak.get()));
        assertThat(rows).isEqualTo(EVENTS);
        assertThat(growth).as("live heap growth while streaming %.1f MB of CSV", mb(body.count))
                .isLessThan(body.count / 2);
        await().until(() -> AuditEventExportTest.as("auditor").queryParam("type", "EXPORTED")
                .queryParam("actor", "auditor").queryParam("size", 500).get("/api/v1/audit-events").then()
                .extract().jsonPath().getList("items.findAll { it.detail.filter.actorHash == '" + fingerprint.keyedHash(actor)
                        + "' }.detail.rows"),
                exported -> exported.contains(EVENTS));
    }

    private static long liveHeap(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    /** Counts the bytes the client read: the CSV's size, without keeping it. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
