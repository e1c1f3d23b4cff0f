package com.erasureworker.ops;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Stops a production start in which an API user has a published or weak password: a dev/test demo password (any
 * user name), a password that {@code .env.example} ever shipped, or one shorter than {@value #MIN_LENGTH} characters.
 * Published passwords would be a back door to a service that deletes customer data. Passwords given as digests
 * ({@code QUARKUS_SECURITY_USERS_EMBEDDED_PLAIN_TEXT=false}) cannot be measured and are checked against nothing.
 */
@ApplicationScoped
public class ProductionUsersGuard {

    private static final Logger LOG = Logger.getLogger(ProductionUsersGuard.class);
    static final String USERS = "quarkus.security.users.embedded.users.";
    static final int MIN_LENGTH = 16;
    /** Every password an example file of this repository has shown; never acceptable. */
    static final Set<String> PUBLISHED = Set.of("change-me", "change-me-too", "changeme", "password");
    private static final List<String> DEMO_PROFILES = List.of("%dev.", "%test.");

    /** Priority -1: before anything else starts serving or scheduling. */
    void refuseToStartWithDemoUsers(@Observes @Priority(-1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        boolean embedded = config.getOptionalValue("quarkus.security.users.embedded.enabled", Boolean.class)
                .orElse(false);
        if (!embedded) {
            return;
        }
        Map<String, Set<String>> demo = demoPasswords(config);
        List<String> found = demoUsersInUse(demo, name -> config.getOptionalValue(USERS + name, String.class));
        String refusal = !found.isEmpty() ? message(found) : null;
        boolean plainText = config.getOptionalValue("quarkus.security.users.embedded.plain-text", Boolean.class)
                .orElse(true);
        if (refusal == null && plainText) {
            Map<String, String> active = new TreeMap<>();
            for (String key : config.getPropertyNames()) {
                if (key.startsWith(USERS)) {
                    config.getOptionalValue(key, String.class).ifPresent(value -> active.put(key.substring(USERS.length()), value));
                }
            }
            List<String> weak = weakPasswords(active, demo);
            refusal = weak.isEmpty() ? null : weakMessage(weak);
        }
        if (refusal != null) {
            LOG.error(refusal);
            throw new IllegalStateException(refusal);
        }
    }

    /** The users whose password is published (demo or example) or shorter than {@value #MIN_LENGTH} characters. */
    static List<String> weakPasswords(Map<String, String> active, Map<String, Set<String>> demoPasswords) {
        Set<String> published = new HashSet<>(PUBLISHED);
        demoPasswords.values().forEach(published::addAll);
        return active.entrySet().stream()
                .filter(user -> user.getValue().length() < MIN_LENGTH || published.contains(user.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    static String weakMessage(List<String> names) {
        return "API users with a published or short password: " + names + ". Every Basic user needs a password of at "
                + "least " + MIN_LENGTH + " characters that is not a demo or .env.example password "
                + "(QUARKUS_SECURITY_USERS_EMBEDDED_USERS_<NAME>); or leave Basic off (API_BASIC_AUTH_ENABLED=false) "
                + "and remove the users.";
    }

    /** The names whose active password is the demo password of the same name. */
    static List<String> demoUsersInUse(Map<String, Set<String>> demoPasswords,
            Function<String, Optional<String>> activePassword) {
        return demoPasswords.entrySet().stream()
                .filter(demo -> activePassword.apply(demo.getKey()).filter(demo.getValue()::contains).isPresent())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    static String message(List<String> names) {
        return "Demo users of the dev/test profile are configured with their published demo passwords: " + names
                + ". Set real passwords (QUARKUS_SECURITY_USERS_EMBEDDED_USERS_<NAME>) or other user names "
                + "before starting in production.";
    }

    /** Raw {@code %dev.}/{@code %test.} user entries, read from the sources: profile lookups would skip them. */
    private static Map<String, Set<String>> demoPasswords(Config config) {
        Map<String, Set<String>> demo = new TreeMap<>();
        for (ConfigSource source : config.getConfigSources()) {
            for (String key : source.getPropertyNames()) {
                for (String profile : DEMO_PROFILES) {
                    if (key.startsWith(profile + USERS)) {
                        String value = source.getValue(key);
                        if (value != null) {
                            demo.computeIfAbsent(key.substring((profile + USERS).length()), name -> new HashSet<>())
                                    .add(value);
                        }
                    }
                }
            }
        }
        return demo;
    }
}
