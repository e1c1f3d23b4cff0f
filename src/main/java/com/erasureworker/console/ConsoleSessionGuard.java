package com.erasureworker.console;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Stops a production start whose console signs people in with the form but has no session key: Quarkus would make
 * up a key per process, so every restart signs everyone out, replicas reject each other's sessions, and the CSRF
 * tokens (keyed the same way) break with them. With the OIDC code flow the key is not needed.
 */
@ApplicationScoped
public class ConsoleSessionGuard {

    private static final Logger LOG = Logger.getLogger(ConsoleSessionGuard.class);
    static final int MIN_KEY_LENGTH = 32;
    /** A value .env.example once shipped: anyone can read it, so it is no secret. */
    static final String PUBLISHED_EXAMPLE_KEY = "change-me-to-a-long-random-secret-of-32-chars-or-more";

    void refuseFormSignInWithoutKey(@Observes @Priority(-1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        String mechanism = config.getOptionalValue("quarkus.http.auth.permission.console.auth-mechanism", String.class)
                .orElse("form");
        String key = config.getOptionalValue("quarkus.http.auth.session.encryption-key", String.class).orElse("");
        String problem = problem(mechanism, key);
        if (problem != null) {
            LOG.error(problem);
            throw new IllegalStateException(problem);
        }
    }

    /** Why this combination may not start, or null. */
    static String problem(String mechanism, String key) {
        if (!"form".equals(mechanism.trim())) {
            return null;
        }
        if (PUBLISHED_EXAMPLE_KEY.equals(key.trim())) {
            return "CONSOLE_SESSION_KEY is the value .env.example once shipped: anyone can read it. Set a secret of "
                    + "your own (e.g. openssl rand -base64 48), the same on every replica.";
        }
        if (key.trim().length() >= MIN_KEY_LENGTH) {
            return null;
        }
        return "The console signs in with a form (CONSOLE_AUTH_MECHANISM=form) but CONSOLE_SESSION_KEY is not set to a "
                + "secret of at least " + MIN_KEY_LENGTH + " characters shared by every replica. Set it, or sign in "
                + "with OIDC (CONSOLE_AUTH_MECHANISM=code, see README, Console).";
    }
}
