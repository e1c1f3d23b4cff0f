package com.erasureworker.intake;

import static com.erasureworker.intake.Api.BASE;
import static com.erasureworker.intake.Api.ticketRef;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;

import com.erasureworker.simulator.DixaSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what: the DPO submits, the auditor only reads, strangers get nothing; operations paths stay open. */
@QuarkusTest
class ErasureAccessTest {

    @Inject
    DixaSimulator simulator;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void freshDixa() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    /** Auth schemes are case-insensitive (RFC 9110 §11.1); Quarkus writes "basic". */
    @Test
    void withoutCredentialsTheAnswerIs401WithABasicChallenge() {
        given().contentType(ContentType.JSON).body(Api.conversations(ticketRef("anon"), 1)).post(BASE).then()
                .statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic realm="))
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        given().get(BASE).then().statusCode(401);
    }

    @Test
    void aWrongPasswordIs401() {
        given().auth().preemptive().basic("dpo", "guess").get(BASE).then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anAuditorCannotSubmitButCanRead() {
        long rowsBefore = DatabaseRows.count(dataSource, "erasure_request");
        Api.asAuditor().contentType(ContentType.JSON).body(Api.conversations(ticketRef("audit"), 1)).post(BASE).then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        org.assertj.core.api.Assertions.assertThat(DatabaseRows.count(dataSource, "erasure_request"))
                .isEqualTo(rowsBefore);

        String id = Api.submit(Api.conversations(ticketRef("audit-read"), 1)).then().statusCode(202)
                .extract().path("id");
        Api.asAuditor().get(BASE + "/" + id).then().statusCode(200).body("id", equalTo(id));
        Api.asAuditor().get(BASE).then().statusCode(200);
        Api.asAuditor().post(BASE + "/" + id + "/cancel").then().statusCode(403);
    }

    @Test
    void anAdminMaySubmit() {
        Api.as("admin").contentType(ContentType.JSON).body(Api.conversations(ticketRef("admin"), 1)).post(BASE).then()
                .statusCode(202).body("requestedBy", equalTo("admin"));
    }

    @Test
    void anUnknownTicketIs404AndAMalformedIdIs400() {
        Api.asDpo().get(BASE + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        Api.asDpo().get(BASE + "/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        Api.asDpo().get(BASE + "/" + UUID.randomUUID() + "/history").then().statusCode(404);
        Api.asDpo().post(BASE + "/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
    }

    @Test
    void healthOpenApiAndTheSimulatorNeedNoApiCredentials() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/erasure-requests"))
                .body(containsString("application/problem+json"))
                .body(containsString("scheme: basic"));
        given().header("Authorization", "test-simulator-token").get("/simulator/v1/endusers?email=x@example.com")
                .then().statusCode(200);
    }
}
