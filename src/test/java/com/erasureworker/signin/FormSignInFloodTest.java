package com.erasureworker.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guessing the console's passwords: failed form sign-ins are counted into a few aggregated audit rows and throttled per
 * address and per user name, while the real user, signing in from another address, is not refused.
 */
@QuarkusTest
class FormSignInFloodTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SignInFailures failures;

    @Inject
    SignInThrottle throttle;

    @BeforeEach
    @AfterEach
    void clean() {
        failures.flush();
        throttle.forgetAll();
    }

    @Test
    void twoHundredFailedFormSignInsAre429sAndAFewAuditRowsWhileTheRealAdminSignsIn() throws Exception {
        long rowsBefore = auditRows();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            statuses.merge(signIn("127.0.0.1", "admin", "guess-" + i).status(), 1, Integer::sum);
        }
        failures.flush();

        assertThat(statuses.keySet()).as("a failure redirects to the error page, then 429").containsOnly(302, 429);
        assertThat(statuses.get(429)).as("throttled after the user name's budget").isGreaterThan(150);
        assertThat(auditRows() - rowsBefore).as("aggregated, not one row per failure").isBetween(1L, 3L);
        assertThat(lastFailureDetail()).contains("/console/j_security_check").doesNotContain("admin");

        // The right password from the guesser's address is refused too (the guesser learns nothing) ...
        Answer guessed = signIn("127.0.0.1", "admin", "admin-demo-password");
        assertThat(guessed.status()).isEqualTo(429);
        assertThat(guessed.headers()).doesNotContain("console-session=");
        // ... but the real admin, elsewhere, signs in at once.
        Answer real = signIn("127.0.0.2", "admin", "admin-demo-password");
        assertThat(real.status()).isEqualTo(302);
        assertThat(real.headers()).contains("console-session=").doesNotContain("failed=true");
    }

    @Test
    void anotherUserFromAnotherAddressIsNotTouchedByAFloodOnOneName() throws Exception {
        for (int i = 0; i < 30; i++) {
            signIn("127.0.0.3", "dpo", "guess-" + i);
        }
        Answer other = signIn("127.0.0.4", "auditor", "auditor-demo-password");
        assertThat(other.status()).isEqualTo(302);
        assertThat(other.headers()).contains("console-session=");
        Answer wrong = signIn("127.0.0.4", "auditor", "wrong");
        assertThat(wrong.status()).isEqualTo(302);
        assertThat(wrong.headers()).contains("failed=true");
    }

    record Answer(int status, String headers) {
    }

    /** A form post from a chosen loopback address (the whole 127/8 is this host), as a browser sends it. */
    private Answer signIn(String from, String user, String password) throws IOException {
        var config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.route.local-address", InetAddress.getByName(from)));
        var page = given().config(config).accept("text/html").get("/console/sign-in");
        var response = given().config(config).accept("text/html").cookies(page.cookies())
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).redirects().follow(false)
                .post("/console/j_security_check");
        return new Answer(response.statusCode(), response.headers().toString());
    }

    private long auditRows() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from audit_event")) {
            row.next();
            return row.getLong(1);
        }
    }

    private String lastFailureDetail() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select detail::text from audit_event where type = "
                        + "'SIGN_IN_FAILURES' order by sequence desc limit 1")) {
            row.next();
            return row.getString(1);
        }
    }
}
