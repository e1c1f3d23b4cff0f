package com.erasureworker.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Production may not sign people in with the form on a key Quarkus made up for one process. */
class ConsoleSessionGuardTest {

    @Test
    void formSignInNeedsASharedKeyOfAtLeast32Characters() {
        assertThat(ConsoleSessionGuard.problem("form", "")).contains("CONSOLE_SESSION_KEY");
        assertThat(ConsoleSessionGuard.problem("form", "short-key")).contains("at least 32");
        assertThat(ConsoleSessionGuard.problem("form", "k".repeat(32))).isNull();
        assertThat(ConsoleSessionGuard.problem("form", ConsoleSessionGuard.PUBLISHED_EXAMPLE_KEY)).contains(".env.example");
    }

    @Test
    void theOidcCodeFlowNeedsNoSessionKey() {
        assertThat(ConsoleSessionGuard.problem("code", "")).isNull();
    }
}
