package com.erasureworker.dixa;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.dixa.DixaOutcome.Kind;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker holds a token Dixa refuses: every call maps to UNAUTHORIZED, and the token appears in no log line even
 * with the REST client's request/response logging switched on at DEBUG.
 */
@QuarkusTest
@TestProfile(RejectedTokenTest.WrongToken.class)
class RejectedTokenTest {

    static final String WRONG_TOKEN = "wrong-token-7f3a9c";

    public static class WrongToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dixa.api-token", WRONG_TOKEN,
                    "quarkus.rest-client.logging.scope", "request-response");
        }
    }

    @Inject
    DixaClient dixa;

    @Inject
    DixaSimulator simulator;

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final Logger clientLogging = Logger.getLogger("com.erasureworker.dixa");
    private final Logger restClient = Logger.getLogger("org.jboss.resteasy.reactive.client");
    private Level clientLevel;
    private Level restClientLevel;

    /** Debug logging is switched on here, not in the profile: log levels set by a profile do not survive app restarts. */
    @BeforeEach
    void captureLogs() {
        simulator.reset();
        simulator.disableRateLimit();
        clientLevel = clientLogging.getLevel();
        restClientLevel = restClient.getLevel();
        clientLogging.setLevel(Level.FINEST);
        restClient.setLevel(Level.FINEST);
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
        clientLogging.setLevel(clientLevel);
        restClient.setLevel(restClientLevel);
    }

    @Test
    void mapsARejectedTokenToUnauthorizedWithoutEverLoggingTheToken() {
        DixaOutcome<Conversation> outcome = dixa.getConversation(1);
        DixaOutcome<List<EndUser>> search = dixa.findEndUsersByEmail("jane@example.com");

        assertThat(outcome.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(outcome.kind().permanent()).isTrue();
        assertThat(search.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(simulator.calls()).allSatisfy(call -> assertThat(call.authorization()).isEqualTo(WRONG_TOKEN));
        synchronized (logLines) {
            assertThat(logLines).anyMatch(line -> line.contains("Dixa request"));
            assertThat(logLines).noneMatch(line -> line.contains(WRONG_TOKEN));
            assertThat(logLines).noneMatch(line -> line.contains("jane@example.com"));
        }
    }
}
