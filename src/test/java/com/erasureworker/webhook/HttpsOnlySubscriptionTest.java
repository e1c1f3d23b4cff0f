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

/**
 * With the production settings, a plain http receiver or an internal address is refused (422, nothing stored); https to
 * a public host is accepted.
 */
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
    void internalAddressesAreRefusedWith422NamingTheUrl() {
        for (String url : List.of("https://127.0.0.1:9443", "https://127.0.0.1", "https://10.1.2.3",
                "https://192.168.1.10", "https://169.254.169.254/latest/meta-data", "https://[::1]",
                "https://localhost", "https://[::ffff:127.0.0.1]/hook", "https://100.64.1.1", "https://[fd00::1]",
                "https://[fe80::1]")) {
            given().auth().preemptive().basic("admin", "admin-demo-password").contentType(ContentType.JSON)
                    .body(Map.of("url", url, "eventTypes", List.of("ticket.completed")))
                    .post("/api/v1/webhooks")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem("url"));
        }
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
        assertThat(WebhookKeyGuard.refusals(Optional.of("a-real-key-that-is-long-enough-for-sealing-0123"), false,
                true)).singleElement().asString().contains("WEBHOOK_ALLOW_LOOPBACK");
    }
}
