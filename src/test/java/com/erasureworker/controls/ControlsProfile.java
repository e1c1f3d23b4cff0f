package com.erasureworker.controls;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Four-eyes approval for tickets that may force-close (WAIT_THEN_FORCE, FORCE_NOW); NEVER tickets go straight to
 * work. Fewer calls per target (no attribute mark, no read-back), so 200 conversations fit in a test at 10 calls/s.
 */
public class ControlsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("approval.required", "force",
                "worker.verify.share", "0",
                "%test.dixa.erasure-attribute-id", "");
    }
}
