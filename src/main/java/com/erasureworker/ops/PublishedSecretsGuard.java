package com.erasureworker.ops;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Stops a production start that uses a secret anyone can read: a value the {@code %dev}/{@code %test} profiles ship
 * for any of the {@link #SECRETS} (collected from the configuration sources at start, so a new demo value is refused
 * without a code change), a value an example file once showed, or a Dixa-events password shorter than
 * {@value #MIN_EVENTS_PASSWORD} characters. A published value is refused in every secret, not only in its own: the
 * dev webhook key as a hash key is just as public.
 */
@ApplicationScoped
public class PublishedSecretsGuard {

    private static final Logger LOG = Logger.getLogger(PublishedSecretsGuard.class);
    /** The secrets the worker holds: property → environment variable an operator sets. */
    static final Map<String, String> SECRETS = secrets();
    /** Values example files of this repository once showed; never secrets. */
    static final Set<String> EXAMPLES = Set.of("change-me-to-a-long-random-secret-of-32-chars-or-more", "change-me",
            "change-me-too", "changeme", "password", "secret");
    static final String EVENTS_PASSWORD = "dixa.events.password";
    static final int MIN_EVENTS_PASSWORD = 16;
    private static final List<String> DEMO_PROFILES = List.of("%dev.", "%test.");

    private static Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("quarkus.http.auth.session.encryption-key", "CONSOLE_SESSION_KEY");
        secrets.put("erasure.hash-key", "ERASURE_HASH_KEY");
        secrets.put("webhooks.secret-key", "WEBHOOK_SECRET_KEY");
        secrets.put(EVENTS_PASSWORD, "DIXA_EVENTS_PASSWORD");
        secrets.put("audit.signing-key", "AUDIT_SIGNING_KEY");
        return Map.copyOf(secrets);
    }

    /** Priority -1: before anything else starts serving or scheduling. */
    void refusePublishedSecrets(@Observes @Priority(-1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        List<String> refusals = refusals(property -> config.getOptionalValue(property, String.class),
                published(config.getConfigSources()));
        if (!refusals.isEmpty()) {
            String message = String.join(" ", refusals);
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    /** What is published or too weak among the active secrets; empty when nothing is. */
    static List<String> refusals(Function<String, Optional<String>> active, Set<String> published) {
        List<String> refusals = new ArrayList<>();
        Set<String> known = new HashSet<>();
        published.forEach(value -> known.add(normalised(value)));
        EXAMPLES.forEach(value -> known.add(normalised(value)));
        SECRETS.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(secret -> {
            Optional<String> value = active.apply(secret.getKey()).map(PublishedSecretsGuard::normalised)
                    .filter(v -> !v.isEmpty());
            if (value.isPresent() && known.contains(value.get())) {
                refusals.add(secret.getValue() + " is a published value (a dev/test or example setting anyone can "
                        + "read): set a secret of your own, e.g. `openssl rand -base64 48`.");
            } else if (value.isPresent() && secret.getKey().equals(EVENTS_PASSWORD)
                    && value.get().length() < MIN_EVENTS_PASSWORD) {
                refusals.add("DIXA_EVENTS_PASSWORD is shorter than " + MIN_EVENTS_PASSWORD + " characters; set a long "
                        + "random one (the same at Dixa's subscription).");
            }
        });
        return refusals;
    }

    /** Raw {@code %dev.}/{@code %test.} values of every secret, read from the sources: profile lookups skip them. */
    static Set<String> published(Iterable<ConfigSource> sources) {
        Set<String> values = new HashSet<>();
        for (ConfigSource source : sources) {
            for (String property : SECRETS.keySet()) {
                for (String profile : DEMO_PROFILES) {
                    String value = source.getValue(profile + property);
                    if (value != null && !value.isBlank() && !value.contains("${")) {
                        values.add(value);
                    }
                }
            }
        }
        return values;
    }

    /** Whitespace and PEM armour do not make a published key another key. */
    static String normalised(String value) {
        return value.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
