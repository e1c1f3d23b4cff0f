package com.erasureworker.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

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
        String body = "j_username=" + user + "&j_password=" + password;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /console/j_security_check HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n"
                    + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String head = answer.split("\r\n\r\n", 2)[0];
            return new Answer(Integer.parseInt(head.split(" ")[1]), head);
        }
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
