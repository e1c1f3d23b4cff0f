package com.erasureworker.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The production setting of webhook URLs (https only), in an otherwise ordinary test run. */
public class HttpsOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("webhooks.allow-http", "false");
    }
}
