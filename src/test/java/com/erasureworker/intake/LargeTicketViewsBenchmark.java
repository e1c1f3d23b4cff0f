package com.erasureworker.intake;

import static com.erasureworker.intake.Api.BASE;
import static com.erasureworker.intake.Api.asAuditor;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long the paged views of a ticket take for 10 and for 20,000 targets (the ticket with its first page, a page of
 * one state's targets deep in the ticket, the first history page), measured from outside one request at a time; the
 * goal is the same time whatever the ticket's size. Run on purpose:
 * {@code ./mvnw test -Pbench -Dtest=LargeTicketViewsBenchmark}.
 */
@Tag("bench")
@QuarkusTest
class LargeTicketViewsBenchmark {

    private static final int SAMPLES = 50;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void pagedViewsTakeAsLongForTwentyThousandTargetsAsForTen() throws Exception {
        System.out.printf("%-34s %8s %8s%n", "paged ticket views (" + SAMPLES + " each)", "p50 ms", "p99 ms");
        for (int targets : new int[] { 10, 20_000 }) {
            UUID id = LargeTickets.withTargets(dataSource, targets);
            report(targets + " targets: ticket", BASE + "/" + id);
            report(targets + " targets: DONE page 5", BASE + "/" + id + "/targets?state=DONE&page=5");
            report(targets + " targets: history page", BASE + "/" + id + "/history");
        }
    }

    private static void report(String name, String path) {
        for (int i = 0; i < 5; i++) {
            asAuditor().urlEncodingEnabled(false).get(path).then().statusCode(200);
        }
        long[] micros = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            asAuditor().urlEncodingEnabled(false).get(path).then().statusCode(200);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("%-34s %8.1f %8.1f%n", name, micros[SAMPLES / 2] / 1000.0,
                micros[(int) Math.ceil(SAMPLES * 0.99) - 1] / 1000.0);
    }
}
