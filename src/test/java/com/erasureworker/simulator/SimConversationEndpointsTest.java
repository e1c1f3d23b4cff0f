package com.erasureworker.simulator;

import static com.erasureworker.simulator.SimulatorClient.v1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimConversationEndpointsTest {
    static final String PLAIN_DATE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
    static final String ZONED_DATE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\[GMT]";

    @Inject
    DixaSimulator simulator;

    UUID customer;
    long email;

    @BeforeEach
    void freshSimulator() {
        simulator.reset();
        simulator.disableRateLimit();
        customer = simulator.addEndUser("ann@example.com", "+4520000001");
        email = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.parse("2024-03-01T10:15:30Z"));
    }

    @Test
    void anEmailConversationComesBackAsEmailConversationWithPlainDates() {
        v1().get("/conversations/{id}", email).then().statusCode(200)
                .body("data._type", equalTo("EmailConversation"))
                .body("data.id", equalTo((int) email))
                .body("data.requesterId", equalTo(customer.toString()))
                .body("data.channel", equalTo("Email"))
                .body("data.state", equalTo("Open"))
                .body("data.createdAt", equalTo("2024-03-01T10:15:30Z"))
                .body("data.stateUpdatedAt", matchesPattern(PLAIN_DATE))
                .body("data.fromEmail", equalTo("ann@example.com"))
                .body("data.toEmail", notNullValue())
                .body("data.integrationEmail", notNullValue())
                .body("data.anonymizedAt", nullValue());
    }

    @Test
    void chatAndSmsConversationsCarryTheirChannelVariant() {
        long chat = simulator.addConversation(customer, ConversationState.Open, "WidgetChat", Instant.now());
        long sms = simulator.addConversation(customer, ConversationState.Open, "Sms", Instant.now());
        v1().get("/conversations/{id}", chat).then().statusCode(200)
                .body("data._type", equalTo("ChatConversation")).body("data.browserInfo.ipAddress", notNullValue());
        v1().get("/conversations/{id}", sms).then().statusCode(200).body("data._type", equalTo("SmsConversation"));
    }

    @Test
    void unknownConversationIs404AndNonNumericIdIs400WithAMessage() {
        v1().get("/conversations/999999").then().statusCode(404).body("message", notNullValue());
        v1().get("/conversations/abc").then().statusCode(400).body("message", notNullValue());
    }

    @Test
    void closingAnswers204AndRecordsConversationClosedTwiceClosingStays204() {
        UUID agent = simulator.configuredAgentId();
        v1().body(Map.of("userId", agent)).put("/conversations/{id}/close", email).then().statusCode(204);
        v1().put("/conversations/{id}/close", email).then().statusCode(204);
        assertThat(simulator.conversation(email).orElseThrow().state()).isEqualTo(ConversationState.Closed);
        v1().get("/conversations/{id}/activitylog", email).then().statusCode(200)
                .body("data.findAll { it._type == 'ConversationClosed' }", hasSize(1))
                .body("data[0].activityTimestamp", matchesPattern(ZONED_DATE))
                .body("data.find { it._type == 'ConversationClosed' }.author.id", equalTo(agent.toString()));
    }

    @Test
    void closingWithAnUnknownUserOrAnEndUserIs400() {
        v1().body(Map.of("userId", UUID.randomUUID())).put("/conversations/{id}/close", email)
                .then().statusCode(400).body("message", equalTo("User not found"));
        v1().body(Map.of("userId", customer)).put("/conversations/{id}/close", email)
                .then().statusCode(400).body("message", equalTo("User is not agent/admin"));
        v1().put("/conversations/424242/close").then().statusCode(404);
    }

    @Test
    void messagesAreListedOldestFirstWithZonedDatesAndEmailAttributes() {
        simulator.addMessage(email, customer, "Where is my parcel?");
        simulator.addMessage(email, simulator.configuredAgentId(), "On its way.");
        v1().get("/conversations/{id}/messages", email).then().statusCode(200)
                .body("data", hasSize(2))
                .body("data[0].authorId", equalTo(customer.toString()))
                .body("data[0].createdAt", matchesPattern(ZONED_DATE))
                .body("data[0].attributes._type", equalTo("EmailAttributes"))
                .body("data[0].attributes.emailContent.content.value", equalTo("Where is my parcel?"))
                .body("data[0].attributes.emailContent.content._type", equalTo("Text"))
                .body("data[0].attributes.from.email", equalTo("ann@example.com"));
    }

    @Test
    void chatMessagesCarryTextContent() {
        long chat = simulator.addConversation(customer, ConversationState.Open, "WidgetChat", Instant.now());
        simulator.addMessage(chat, customer, "hello");
        v1().get("/conversations/{id}/messages", chat).then().statusCode(200)
                .body("data[0].attributes._type", equalTo("ChatAttributes"))
                .body("data[0].attributes.content.value", equalTo("hello"))
                .body("data[0].attributes.content._type", equalTo("Text"));
    }

    @Test
    void addingANoteAnswers200WithTheNoteAndLogsNoteAdded() {
        v1().body(Map.of("message", "GDPR erasure ticket ER-1", "agentId", simulator.configuredAgentId(),
                "createdAt", "2021-12-01T12:46:36.581Z[GMT]"))
                .post("/conversations/{id}/notes", email).then().statusCode(200)
                .body("data.id", notNullValue())
                .body("data.csid", equalTo((int) email))
                .body("data.authorId", equalTo(simulator.configuredAgentId().toString()))
                .body("data.createdAt", equalTo("2021-12-01T12:46:36.581Z[GMT]"))
                .body("data.message", equalTo("GDPR erasure ticket ER-1"));
        v1().body(Map.of("message", "plain ISO date", "createdAt", "2022-01-01T00:00:00Z"))
                .post("/conversations/{id}/notes", email).then().statusCode(200);
        v1().get("/conversations/{id}/notes", email).then().statusCode(200).body("data", hasSize(2));
        v1().get("/conversations/{id}/activitylog", email).then()
                .body("data.findAll { it._type == 'NoteAdded' }", hasSize(2));
        assertThat(simulator.conversation(email).orElseThrow().notes())
                .containsExactly("GDPR erasure ticket ER-1", "plain ISO date");
    }

    @Test
    void aNoteFromAnUnknownAgentOrWithoutMessageIs400() {
        v1().body(Map.of("message", "x", "agentId", UUID.randomUUID())).post("/conversations/{id}/notes", email)
                .then().statusCode(400).body("message", equalTo("Agent was not found"));
        v1().body(Map.of("agentId", simulator.configuredAgentId())).post("/conversations/{id}/notes", email)
                .then().statusCode(400).body("message", notNullValue());
        v1().body(Map.of("message", "x")).post("/conversations/424242/notes").then().statusCode(404);
    }

    @Test
    void patchingTheErasureAttributeReturnsTheAttributeListAndUnknownIdsAre400() {
        UUID attribute = simulator.erasureAttributeId();
        v1().body(Map.of(attribute.toString(), "ER-77")).patch("/conversations/{id}/custom-attributes", email)
                .then().statusCode(200)
                .body("data[0].id", equalTo(attribute.toString()))
                .body("data[0].identifier", equalTo("erasure_ticket"))
                .body("data[0].name", notNullValue())
                .body("data[0].value", equalTo("ER-77"));
        assertThat(simulator.conversation(email).orElseThrow().customAttributes()).containsEntry(attribute, "ER-77");
        v1().body(Map.of(UUID.randomUUID().toString(), "x")).patch("/conversations/{id}/custom-attributes", email)
                .then().statusCode(400).body("message", equalTo("Invalid input for patching"));
        v1().body(Map.of(attribute.toString(), 42)).patch("/conversations/{id}/custom-attributes", email)
                .then().statusCode(400).body("message", equalTo("Invalid input for patching"));
        v1().body("{\"" + attribute + "\": null}").patch("/conversations/{id}/custom-attributes", email)
                .then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void reopeningThroughTheControlApiIsLoggedAsConversationReopened() {
        simulator.setConversationState(email, ConversationState.Closed);
        simulator.setConversationState(email, ConversationState.Open);
        v1().get("/conversations/{id}/activitylog", email).then().statusCode(200)
                .body("data._type", org.hamcrest.Matchers.hasItems("ConversationClosed", "ConversationReopened"));
    }
}
