package com.erasureworker.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Both ways of signing in to the console keep their session in a SameSite=Strict cookie (README, Console). */
class ConsoleCookieSettingsTest {

    @Test
    void theFormAndTheCodeFlowSessionCookiesAreSameSiteStrict() throws IOException {
        var properties = new PropertiesConfigSource(getClass().getResource("/application.properties"));
        assertThat(properties.getValue("quarkus.http.auth.form.cookie-same-site")).isEqualTo("strict");
        assertThat(properties.getValue("quarkus.oidc.console.authentication.cookie-same-site")).isEqualTo("strict");
    }
}
