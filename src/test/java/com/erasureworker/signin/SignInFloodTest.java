package com.erasureworker.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A flood of failed sign-ins writes almost nothing, is throttled, and stalls neither readiness nor real users. */
@QuarkusTest
class SignInFloodTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SignInFailures failures;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void twoThousandFailedSignInsAddAHandfulOfAuditRowsAndReadinessAndGoodUsersCarryOn() throws Exception {
        failures.flush();
        long rowsBefore = auditRows();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String wrong = "Basic " + Base64.getEncoder().encodeToString("mallory:guess".getBytes());
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/v1/erasure-requests/attempt-" + i)).header("Authorization", wrong).GET().build();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
            if (i % 200 == 0) {
                given().get("/q/health/ready").then().statusCode(200);
            }
        }
        Map<Integer, Long> statuses = answers.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        failures.flush();

        assertThat(statuses.keySet()).containsOnly(401, 429);
        assertThat(statuses.get(429)).as("throttled after the address's budget").isGreaterThan(1500);
        assertThat(auditRows() - rowsBefore).as("aggregated, not one row per failure").isBetween(1L, 3L);
        given().get("/q/health/ready").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().preemptive()
                .basic("auditor", "auditor-demo-password").get("/api/v1/erasure-requests").statusCode() == 200);
    }

    private long auditRows() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from audit_event")) {
            row.next();
            return row.getLong(1);
        }
    }
}
