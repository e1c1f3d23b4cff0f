package com.erasureworker.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.erasureworker.pipeline.ManualPipeline;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every send resolves the receiver once, checks the address and connects to exactly that address: a host whose DNS
 * answer turns private after the subscription was saved is not contacted, and the delivery log says why. A replay to
 * a URL that changed since needs an explicit flag, and every URL change is audited with its host.
 */
@QuarkusTest
class WebhookAddressTest {

    private static final String WEBHOOKS = "/api/v1/webhooks";

    @Inject
    ManualPipeline pipeline;

    private Receiver receiver;
    private volatile String answer;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        answer = "127.0.0.1";
        QuarkusMock.installMockForType(new ReceiverResolver() {
            @Override
            List<InetAddress> resolve(String host) throws UnknownHostException {
                return host.equals("receiver.test") ? List.of(InetAddress.getByName(answer))
                        : super.resolve(host);
            }
        }, ReceiverResolver.class);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aHostThatResolvesToAPrivateAddressAtSendTimeIsNotContacted() {
        int port = Integer.parseInt(receiver.url().replaceAll(".*:(\\d+)/hook", "$1"));
        String id = admin().body(Map.of("url", "http://receiver.test:" + port + "/hook", "eventTypes",
                List.of("ticket.completed"), "enabled", false)).post(WEBHOOKS).then().statusCode(201).extract()
                .jsonPath().getString("id");

        // Saved while the name pointed at the (allowed) loopback receiver: delivered to the address it resolved to.
        admin().post(WEBHOOKS + "/" + id + "/test").then().statusCode(202);
        pipeline.deliverWebhooks();
        assertThat(receiver.received()).hasSize(1);

        answer = "10.1.2.3";
        admin().post(WEBHOOKS + "/" + id + "/test").then().statusCode(202);
        pipeline.deliverWebhooks();
        assertThat(deliveries(id).getList("items.lastError")).contains("not sent: a private address");
        answer = "169.254.169.254";
        admin().post(WEBHOOKS + "/" + id + "/test").then().statusCode(202);
        pipeline.deliverWebhooks();
        assertThat(deliveries(id).getList("items.lastError"))
                .anyMatch(error -> String.valueOf(error).contains("link-local"));

        assertThat(receiver.received()).hasSize(1);
        // Saving it again now refuses the URL: it resolves to an internal address.
        admin().body(Map.of("url", "http://receiver.test:" + port + "/hook", "eventTypes",
                List.of("ticket.completed"), "enabled", false)).put(WEBHOOKS + "/" + id).then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("url"));
    }

    @Test
    void aReplayToAChangedUrlNeedsTheFlagAndTheChangeIsAuditedWithItsHost() throws Exception {
        String id = admin().body(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.completed"),
                "enabled", false)).post(WEBHOOKS).then().statusCode(201).extract().jsonPath().getString("id");
        admin().post(WEBHOOKS + "/" + id + "/test").then().statusCode(202);
        pipeline.deliverWebhooks();
        assertThat(deliveries(id).getList("items.state")).contains("DELIVERED");
        String delivery = deliveries(id).getString("items[0].id");

        try (Receiver other = new Receiver()) {
            admin().body(Map.of("url", other.url(), "eventTypes", List.of("ticket.completed"), "enabled", false))
                    .put(WEBHOOKS + "/" + id).then().statusCode(200);
            String host = other.url().replaceAll("http://([^/]+)/hook", "$1");
            List<Map<String, Object>> changes = given().auth().preemptive().basic("auditor", "auditor-demo-password")
                    .get("/api/v1/audit-events?type=WEBHOOK_SUBSCRIPTION_CHANGED&size=500").then().statusCode(200)
                    .extract().jsonPath().getList("items.detail");
            assertThat(changes).filteredOn(detail -> id.equals(detail.get("subscriptionId"))
                    && "changed".equals(detail.get("action"))).singleElement()
                    .satisfies(detail -> {
                        assertThat(detail).containsEntry("host", host).containsEntry("urlChanged", true);
                        assertThat(detail.toString()).doesNotContain("/hook");
                    });

            admin().post(WEBHOOKS + "/" + id + "/deliveries/" + delivery + "/replay").then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("toChangedUrl=true"));
            assertThat(other.received()).isEmpty();
            admin().post(WEBHOOKS + "/" + id + "/deliveries/" + delivery + "/replay?toChangedUrl=true").then()
                    .statusCode(202);
            pipeline.deliverWebhooks();
            assertThat(other.received()).hasSize(1);
        }
    }

    private static JsonPath deliveries(String subscription) {
        return admin().get(WEBHOOKS + "/" + subscription + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-demo-password").contentType(ContentType.JSON);
    }
}
