package com.erasureworker.simulator;

import static com.erasureworker.simulator.SimulatorClient.beta;
import static com.erasureworker.simulator.SimulatorClient.v1;
import static com.erasureworker.simulator.SimulatorClient.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimDemoSeedTest {
    @Inject
    DixaSimulator simulator;

    @Inject
    DemoSeed demoSeed;

    @BeforeEach
    void freshSimulator() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @Test
    void theDemoSeedPlantsAFewHundredConversationsWithRoughlyOneInEightStillOpen() {
        demoSeed.plant(simulator);
        List<Integer> notClosed = v1().queryParam("pageLimit", 500)
                .body("{\"filters\":{\"strategy\":\"All\",\"conditions\":[{\"field\":{\"_type\":\"Status\","
                        + "\"operator\":{\"_type\":\"IsNotOneOf\",\"values\":[\"closed\"]}}}]}}")
                .post("/search/conversations").then().statusCode(200).extract().path("data.id");
        List<Integer> all = v1().queryParam("pageLimit", 500).body("{}").post("/search/conversations")
                .then().statusCode(200).extract().path("data.id");
        assertThat(all).hasSize(300);
        assertThat(notClosed.size()).isBetween(20, 60);
        v1().queryParam("email", "customer17@example.com").get("/endusers").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].phoneNumber", equalTo("+4520000017"));
    }

    @Test
    void betaServesTheSameResourcesAndUnknownVersionsAre404() {
        var customer = simulator.addEndUser("eve@example.com", null);
        long csid = simulator.addConversation(customer, ConversationState.Closed, "Email", java.time.Instant.now());
        beta().get("/conversations/{id}", csid).then().statusCode(200).body("data.id", equalTo((int) csid));
        beta().patch("/conversations/{id}/anonymize", csid).then().statusCode(202);
        version("v2").get("/conversations/{id}", csid).then().statusCode(404);
    }
}
