package com.erasureworker.simulator;

import static com.erasureworker.simulator.SimulatorClient.v1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimAnonymizationTest {
    @Inject
    DixaSimulator simulator;

    UUID customer;
    long closed;
    long open;

    @BeforeEach
    void freshSimulator() {
        simulator.reset();
        simulator.disableRateLimit();
        simulator.setAnonymizationDelay(Duration.ZERO);
        customer = simulator.addEndUser("bob@example.com", "+4520000002");
        closed = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now().minusSeconds(600));
        open = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
    }

    @Test
    void anonymizingAClosedConversationAnswers202WithAQueuedRequestStatus() {
        simulator.pauseAnonymizationQueue(true);
        String id = v1().patch("/conversations/{id}/anonymize", closed).then().statusCode(202)
                .body("data._type", equalTo("Conversation"))
                .body("data.targetEntityId", equalTo(Long.toString(closed)))
                .body("data.requestedBy", equalTo(simulator.configuredAgentId().toString()))
                .body("data.entityType", equalTo("ConversationAnonymizationType"))
                .body("data.initiatedAt", matchesPattern(SimConversationEndpointsTest.ZONED_DATE))
                .body("data.processedAt", nullValue())
                .extract().path("data.id");
        v1().get("/anonymization/request/{id}", id).then().statusCode(200).body("data.processedAt", nullValue());
        simulator.pauseAnonymizationQueue(false);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> v1().get("/anonymization/request/{id}", id)
                .then().statusCode(200)
                .body("data.processedAt", matchesPattern(SimConversationEndpointsTest.ZONED_DATE)));
        v1().get("/conversations/{id}", closed).then().statusCode(200)
                .body("data._type", equalTo("AnonymizedConversation"))
                .body("data.anonymizedAt", matchesPattern(SimConversationEndpointsTest.PLAIN_DATE))
                .body("data.fromEmail", nullValue())
                .body("data.state", equalTo("Closed"));
    }

    @Test
    void anOpenConversationIsRefusedWith409UnlessForcedAndForceClosesItFirst() {
        v1().patch("/conversations/{id}/anonymize", open).then().statusCode(409).body("message", notNullValue());
        v1().queryParam("force", "false").patch("/conversations/{id}/anonymize", open).then().statusCode(409);
        assertThat(simulator.anonymizationRequests()).isEmpty();
        v1().queryParam("force", "true").patch("/conversations/{id}/anonymize", open).then().statusCode(202);
        assertThat(simulator.conversation(open).orElseThrow().state()).isEqualTo(ConversationState.Closed);
        v1().get("/conversations/{id}/activitylog", open).then()
                .body("data.findAll { it._type == 'ConversationClosed' }", hasSize(1));
    }

    @Test
    void badForceValuesUnknownConversationsAndUnknownRequestsAreRejected() {
        v1().queryParam("force", "maybe").patch("/conversations/{id}/anonymize", closed).then().statusCode(400);
        v1().patch("/conversations/424242/anonymize").then().statusCode(404);
        v1().get("/anonymization/request/{id}", UUID.randomUUID()).then().statusCode(404);
        v1().get("/anonymization/request/not-a-uuid").then().statusCode(400).body("message", notNullValue());
    }

    @Test
    void aMessageIsAnonymizedOnlyInItsOwnClosedConversation() {
        UUID inClosed = simulator.addMessage(closed, customer, "my address is 1 Main St");
        UUID inOpen = simulator.addMessage(open, customer, "call me on +4520000002");
        v1().patch("/conversations/{c}/messages/{m}/anonymize", open, inClosed).then().statusCode(404);
        v1().patch("/conversations/{c}/messages/{m}/anonymize", open, inOpen).then().statusCode(409);
        v1().patch("/conversations/{c}/messages/not-a-uuid/anonymize", closed).then().statusCode(400);
        v1().patch("/conversations/{c}/messages/{m}/anonymize", closed, inClosed).then().statusCode(202)
                .body("data._type", equalTo("Message"))
                .body("data.entityType", equalTo("MessageAnonymizationType"))
                .body("data.targetEntityId", equalTo(closed + "_" + inClosed));
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.anonymizationRequests().get(0).processedAt() != null);
        v1().get("/conversations/{id}/messages", closed).then().statusCode(200)
                .body("data[0].attributes.emailContent.content.value", equalTo("[anonymized]"))
                .body("data[0].attributes.from.email", nullValue())
                .body("data[0].attributes.attachments", hasSize(0));
        v1().get("/conversations/{id}/activitylog", closed).then()
                .body("data.findAll { it._type == 'ConversationMessageRedacted' }", hasSize(1));
        assertThat(simulator.conversation(open).orElseThrow().messages()).containsExactly("call me on +4520000002");
    }

    @Test
    void anEndUserWithAnOpenConversationIsRefusedUnlessForcedWhichClosesThemAll() {
        v1().patch("/endusers/{id}/anonymize", customer).then().statusCode(409).body("message", notNullValue());
        v1().queryParam("force", "true").patch("/endusers/{id}/anonymize", customer).then().statusCode(202)
                .body("data._type", equalTo("User"))
                .body("data.targetEntityId", equalTo(customer.toString()))
                .body("data.entityType", equalTo("UserAnonymizationType"));
        assertThat(simulator.conversation(open).orElseThrow().state()).isEqualTo(ConversationState.Closed);
        v1().patch("/endusers/{id}/anonymize", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void userAnonymizationCascadesToConversationsAndMessagesAndRemovesThePii() {
        simulator.setConversationState(open, ConversationState.Closed);
        simulator.addMessage(closed, customer, "secret one");
        simulator.addMessage(open, customer, "secret two");
        v1().queryParam("email", "bob@example.com").get("/endusers").then().statusCode(200).body("data", hasSize(1));
        v1().patch("/endusers/{id}/anonymize", customer).then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.endUser(customer).orElseThrow().anonymizedAt() != null);
        v1().queryParam("email", "bob@example.com").get("/endusers").then().statusCode(200).body("data", hasSize(0));
        v1().get("/endusers/{id}", customer).then().statusCode(200)
                .body("data.displayName", equalTo("Anonymized user"))
                .body("data.email", nullValue())
                .body("data.phoneNumber", nullValue());
        assertThat(simulator.conversation(closed).orElseThrow().messages()).containsExactly("[anonymized]");
        assertThat(simulator.conversation(open).orElseThrow().anonymizedAt()).isNotNull();
    }

    @Test
    void requestsAreProcessedFirstInFirstOutAtTheConfiguredThroughput() {
        simulator.pauseAnonymizationQueue(true);
        simulator.setAnonymizationThroughput(20);
        for (int i = 0; i < 5; i++) {
            v1().patch("/conversations/{id}/anonymize", closed).then().statusCode(202);
        }
        simulator.pauseAnonymizationQueue(false);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> simulator.anonymizationRequests().stream().allMatch(r -> r.processedAt() != null));
        List<SimAnonymizationRequest> requests = simulator.anonymizationRequests();
        assertThat(requests).extracting(SimAnonymizationRequest::initiatedAt).isSorted();
        assertThat(requests).extracting(SimAnonymizationRequest::processedAt).isSorted();
        // 20 per second spaces the five by ~50 ms each: at least 150 ms between the first and the last.
        assertThat(Duration.between(requests.get(0).processedAt(), requests.get(4).processedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aRequestIsNotProcessedBeforeTheConfiguredDelayHasPassed() {
        simulator.setAnonymizationDelay(Duration.ofMillis(400));
        v1().patch("/conversations/{id}/anonymize", closed).then().statusCode(202);
        SimAnonymizationRequest queued = simulator.anonymizationRequests().get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.anonymizationRequests().get(0).processedAt() != null);
        SimAnonymizationRequest done = simulator.anonymizationRequests().get(0);
        assertThat(Duration.between(queued.initiatedAt(), done.processedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }
}
