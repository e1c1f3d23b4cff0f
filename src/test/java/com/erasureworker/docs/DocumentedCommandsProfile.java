package com.erasureworker.docs;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The local run's demo setting for the documented commands: the simulator seeded with the demo customers and answering
 * the local run's token, so an example written for {@code ./mvnw quarkus:dev -Plocal} runs unchanged.
 */
public class DocumentedCommandsProfile implements QuarkusTestProfile {

    static final String LOCAL_SIMULATOR_TOKEN = "dev-simulator-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "simulator.seed.enabled", "true",
                "simulator.api-token", LOCAL_SIMULATOR_TOKEN,
                "dixa.api-token", LOCAL_SIMULATOR_TOKEN,
                // The production default: the test profile's 30 s would fail the documented canary run (whose ticket
                // waits, the pipeline's jobs being paused in tests) and turn the contract red mid-test.
                "canary.timeout", "2h");
    }
}
