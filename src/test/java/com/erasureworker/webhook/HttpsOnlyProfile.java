package com.erasureworker.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The production settings of webhook URLs (https only, no loopback), in an otherwise ordinary test run. */
public class HttpsOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("webhooks.allow-http", "false", "webhooks.allow-loopback", "false");
    }
}
