package com.erasureworker.ops;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Stops a production start whose sign-in or audit signing is unsafe: OIDC on without a required token audience, or
 * with the audience {@code any} (which switches Quarkus' audience check off): any token the issuer signs for any
 * application would be accepted; or no audit signing key, or the published dev/test demo key (anyone could forge
 * checkpoints with it; {@link PublishedSecretsGuard} refuses every other published secret).
 */
@ApplicationScoped
public class ProductionSecurityGuard {

    private static final Logger LOG = Logger.getLogger(ProductionSecurityGuard.class);
    static final String SIGNING_KEY = "audit.signing-key";

    void refuseUnsafeSecurity(@Observes @Priority(-1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        List<String> refusals = refusals(
                config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true),
                config.getOptionalValue("quarkus.oidc.token.audience", String.class),
                config.getOptionalValue(SIGNING_KEY, String.class), demoSigningKeys(config));
        if (!refusals.isEmpty()) {
            String message = String.join(" ", refusals);
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    /** What is unsafe in these settings; empty when nothing is. */
    static List<String> refusals(boolean oidcEnabled, Optional<String> audience, Optional<String> signingKey,
            Set<String> demoKeys) {
        List<String> refusals = new ArrayList<>();
        if (oidcEnabled && audience.filter(value -> !value.isBlank()).isEmpty()) {
            refusals.add("OIDC is on but QUARKUS_OIDC_TOKEN_AUDIENCE is not set: tokens the issuer made for any other "
                    + "application would be accepted. Set it to this worker's client id / audience.");
        } else if (oidcEnabled && Arrays.stream(audience.get().split(","))
                .anyMatch(value -> value.strip().equalsIgnoreCase("any"))) {
            refusals.add("QUARKUS_OIDC_TOKEN_AUDIENCE=any switches the audience check off: tokens the issuer made for "
                    + "any other application would be accepted. Set it to this worker's client id / audience.");
        }
        String key = signingKey.map(ProductionSecurityGuard::normalised).orElse("");
        if (key.isEmpty()) {
            refusals.add("AUDIT_SIGNING_KEY is not set: make an Ed25519 key with `openssl genpkey -algorithm ed25519` "
                    + "and give its base64 PKCS#8 (the PEM body); keep it outside the database.");
        } else if (demoKeys.stream().map(ProductionSecurityGuard::normalised).anyMatch(key::equals)) {
            refusals.add("AUDIT_SIGNING_KEY is the published dev/test demo key: anyone could forge audit checkpoints "
                    + "with it. Make your own with `openssl genpkey -algorithm ed25519`.");
        }
        return refusals;
    }

    private static String normalised(String key) {
        return key.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    /** Raw {@code %dev.}/{@code %test.} signing keys, read from the sources: profile lookups would skip them. */
    private static Set<String> demoSigningKeys(Config config) {
        Set<String> keys = new HashSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            for (String profile : List.of("%dev.", "%test.")) {
                String value = source.getValue(profile + SIGNING_KEY);
                if (value != null) {
                    keys.add(value);
                }
            }
        }
        return keys;
    }
}
