package com.erasureworker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Production refuses every secret value the repository publishes: each {@code %dev}/{@code %test} value of
 * application.properties, in its own secret and in any other, the example values, and a short events password.
 */
class PublishedSecretsGuardTest {

    private static final String OWN = "k3Jx9vQ2mW7pL0sT5yB8nC4dF6gH1jZa";

    @Test
    void everyDevAndTestSecretOfApplicationPropertiesIsRefusedNamingItsVariable() throws IOException {
        Set<String> published = publishedInApplicationProperties();
        assertThat(published).as("console keys, hash keys, webhook keys, events passwords, signing key")
                .contains("dev-only-console-session-key-do-not-use", "test-only-console-session-key-do-not-use",
                        "dev-only-erasure-hash-key-do-not-use-in-production",
                        "test-only-erasure-hash-key-do-not-use-in-production",
                        "dev-only-webhook-secret-key-do-not-use-in-production",
                        "test-only-webhook-secret-key-do-not-use-in-production",
                        "dev-only-dixa-events-password", "test-only-dixa-events-password",
                        "MC4CAQAwBQYDK2VwBCIEIFtNtWB9TTj/NuIq2+A4d+vZ7rhgFI+3Tu8UVgU24oUP");
        for (var secret : PublishedSecretsGuard.SECRETS.entrySet()) {
            for (String value : published) {
                assertThat(PublishedSecretsGuard.refusals(only(secret.getKey(), value), published))
                        .as(secret.getValue() + " = " + value)
                        .singleElement().asString().startsWith(secret.getValue() + " is a published value");
            }
        }
    }

    @Test
    void exampleValuesAndAPemWrappedDemoKeyAreRefusedToo() throws IOException {
        Set<String> published = publishedInApplicationProperties();
        assertThat(PublishedSecretsGuard.refusals(only("quarkus.http.auth.session.encryption-key",
                " change-me-to-a-long-random-secret-of-32-chars-or-more "), published)).singleElement().asString()
                .contains("CONSOLE_SESSION_KEY");
        String pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFtNtWB9TTj/NuIq2+A4d+vZ7rhgFI+3Tu8U\n"
                + "VgU24oUP\n-----END PRIVATE KEY-----\n";
        assertThat(PublishedSecretsGuard.refusals(only("audit.signing-key", pem), published)).singleElement()
                .asString().contains("AUDIT_SIGNING_KEY");
    }

    @Test
    void anEventsPasswordShorterThanSixteenCharactersIsRefused() {
        assertThat(PublishedSecretsGuard.refusals(only("dixa.events.password", "fifteen-chars!!"), Set.of()))
                .singleElement().asString().contains("DIXA_EVENTS_PASSWORD is shorter than 16");
        assertThat(PublishedSecretsGuard.refusals(only("dixa.events.password", "sixteen-chars!!!"), Set.of()))
                .isEmpty();
    }

    @Test
    void ownSecretsAndUnsetOnesPass() throws IOException {
        Set<String> published = publishedInApplicationProperties();
        assertThat(PublishedSecretsGuard.refusals(property -> Optional.of(OWN), published)).isEmpty();
        assertThat(PublishedSecretsGuard.refusals(property -> Optional.empty(), published)).isEmpty();
    }

    private static java.util.function.Function<String, Optional<String>> only(String property, String value) {
        return key -> Optional.ofNullable(Map.of(property, value).get(key));
    }

    private static Set<String> publishedInApplicationProperties() throws IOException {
        var source = new PropertiesConfigSource(PublishedSecretsGuardTest.class.getResource("/application.properties"));
        return PublishedSecretsGuard.published(List.of(source));
    }
}
