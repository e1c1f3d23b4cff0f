package com.erasureworker.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.erasureworker.dixa.DixaClient;
import com.erasureworker.simulator.DixaSimulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Quarkus operations endpoints: health, metrics, OpenAPI and Swagger UI. */
@QuarkusTest
class HealthTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    DixaClient dixa;

    @BeforeEach
    void healthyDixa() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @Test
    void readinessIsUpWhenTheDatabaseIsReachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void reportsDixaReachabilityInItsOwnGroup() {
        given().when().get("/q/health/group/dixa")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("Dixa API"));
    }

    @Test
    void aDixaOutageShowsInTheDixaGroupButKeepsTheWorkerReady() {
        simulator.faults().errorRate(1.0);

        given().when().get("/q/health/group/dixa")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.route", containsString("TRANSIENT"));
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.name", not(hasItem("Dixa API")));
    }

    @Test
    void aWrongVersionOrUrlIsNotReachableEvenThoughDixaAnswers404() {
        simulator.modes().unknownVersions("v1");

        given().when().get("/q/health/group/dixa")
                .then().statusCode(503)
                .body("checks[0].data.lastStatus", equalTo(404))
                .body("checks[0].data.reason", containsString("DIXA_API_VERSION"));
    }

    @Test
    void exposesDixaCallMetricsByEndpointAndOutcomeInPrometheusFormat() {
        dixa.getConversation(424242);

        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("dixa_calls_seconds_count{endpoint=\"GET_CONVERSATION\",outcome=\"NOT_FOUND\"}"));
    }

    @Test
    void servesTheOpenApiDocumentAndSwaggerUi() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Dixa GDPR erasure worker"));
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("swagger"));
    }
}
