package com.erasureworker.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With the production setting, a plain http receiver is refused (422, nothing stored); https is accepted. */
@QuarkusTest
@TestProfile(HttpsOnlyProfile.class)
class HttpsOnlySubscriptionTest {

    @Test
    void anHttpUrlIsRefusedWith422AndNothingIsStored() {
        int before = given().auth().preemptive().basic("admin", "admin-demo-password").get("/api/v1/webhooks")
                .then().statusCode(200).extract().jsonPath().getList("$").size();

        given().auth().preemptive().basic("admin", "admin-demo-password").contentType(ContentType.JSON)
                .body(Map.of("url", "http://tickets.example.com/hook", "eventTypes", List.of("ticket.completed")))
                .post("/api/v1/webhooks")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("url"));

        assertThat(given().auth().preemptive().basic("admin", "admin-demo-password").get("/api/v1/webhooks")
                .then().statusCode(200).extract().jsonPath().getList("$")).hasSize(before);
        given().auth().preemptive().basic("admin", "admin-demo-password").contentType(ContentType.JSON)
                .body(Map.of("url", "https://tickets.example.com/hook", "eventTypes", List.of("ticket.completed"),
                        "enabled", false))
                .post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void productionRefusesToStartWithoutASealingKeyOrWithHttpAllowed() {
        assertThat(WebhookKeyGuard.refusals(Optional.empty(), false)).singleElement().asString()
                .contains("WEBHOOK_SECRET_KEY");
        assertThat(WebhookKeyGuard.refusals(Optional.of("test-only-webhook-secret-key-do-not-use-in-production"),
                false)).singleElement().asString().contains("demo");
        assertThat(WebhookKeyGuard.refusals(Optional.of("a-real-key-that-is-long-enough-for-sealing-0123"), true))
                .singleElement().asString().contains("WEBHOOK_ALLOW_HTTP");
        assertThat(WebhookKeyGuard.refusals(Optional.of("a-real-key-that-is-long-enough-for-sealing-0123"), false))
                .isEmpty();
    }
}
