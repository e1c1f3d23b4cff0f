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
 * Stops a production start in which a demo user of the dev or test profile (same name, same published password)
 * would be able to submit or cancel erasures. The demo passwords are in the repository; in production they would be
 * a back door to a service that deletes customer data.
 */
@ApplicationScoped
public class ProductionUsersGuard {

    private static final Logger LOG = Logger.getLogger(ProductionUsersGuard.class);
    static final String USERS = "quarkus.security.users.embedded.users.";
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
        List<String> found = demoUsersInUse(demoPasswords(config),
                name -> config.getOptionalValue(USERS + name, String.class));
        if (!found.isEmpty()) {
            String message = message(found);
            LOG.error(message);
            throw new IllegalStateException(message);
        }
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
