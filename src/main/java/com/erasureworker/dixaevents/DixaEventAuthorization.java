package com.erasureworker.dixaevents;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Checks the Basic credentials Dixa sends with its events against {@code DIXA_EVENTS_USERNAME}/{@code _PASSWORD}, in
 * constant time. Not the API's users realm: these credentials open only this one endpoint. Unconfigured, nothing passes.
 */
@ApplicationScoped
class DixaEventAuthorization {

    private final byte[] expected;

    DixaEventAuthorization(DixaEventsConfig config) {
        this.expected = config.username().isPresent() && config.password().filter(p -> !p.isBlank()).isPresent()
                ? header(config.username().get(), config.password().get()).getBytes(StandardCharsets.UTF_8) : null;
    }

    boolean configured() {
        return expected != null;
    }

    boolean accepts(String authorization) {
        return expected != null && authorization != null
                && MessageDigest.isEqual(expected, authorization.strip().getBytes(StandardCharsets.UTF_8));
    }

    static String header(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
