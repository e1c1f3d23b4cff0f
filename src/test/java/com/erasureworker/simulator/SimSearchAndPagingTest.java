package com.erasureworker.simulator;

import static com.erasureworker.simulator.SimulatorClient.beta;
import static com.erasureworker.simulator.SimulatorClient.v1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimSearchAndPagingTest {
    static final String CLOSED_BEFORE_2023 = """
            {"filters":{"strategy":"All","conditions":[
              {"field":{"_type":"Status","operator":{"_type":"IsOneOf","values":["closed"]}}},
              {"field":{"_type":"ClosedDate","operator":{"_type":"Until","timestamp":"2023-01-31T23:59:59.999Z"}}}]}}
            """;

    @Inject
    DixaSimulator simulator;

    UUID customer;

    @BeforeEach
    void freshSimulator() {
        simulator.reset();
        simulator.disableRateLimit();
        customer = simulator.addEndUser("carl@example.com", "+4520000003");
    }

    @Test
    void followingMetaNextVisitsEveryConversationOfAnEndUserOnceWithRelativeLinks() {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            expected.add(simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()));
        }
        List<Long> seen = new ArrayList<>();
        JsonPath page = v1().queryParam("pageLimit", 5).get("/endusers/{id}/conversations", customer)
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getMap("meta")).doesNotContainKey("previous");
        int pages = 1;
        while (true) {
            seen.addAll(page.getList("data.id", Long.class));
            String next = page.getString("meta.next");
            if (next == null) {
                break;
            }
            assertThat(next).startsWith("/v1/endusers/" + customer + "/conversations?").contains("pageKey=");
            page = SimulatorClient.version("").basePath("/simulator").urlEncodingEnabled(false).get(next)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(page.getString("meta.previous")).startsWith("/v1/");
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void aTamperedPageKeyIs400() {
        v1().queryParam("pageKey", "not base64!").get("/endusers/{id}/conversations", customer).then().statusCode(400)
                .body("message", notNullValue());
        v1().get("/endusers/{id}/conversations", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void searchFindsOnlyClosedConversationsClosedBeforeTheCutOff() {
        long old = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.parse("2022-05-01T00:00:00Z"));
        simulator.closeConversationAt(old, Instant.parse("2022-06-01T00:00:00Z"));
        long recent = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.parse("2022-05-01T00:00:00Z"));
        simulator.closeConversationAt(recent, Instant.parse("2024-06-01T00:00:00Z"));
        long reopened = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.parse("2022-05-01T00:00:00Z"));
        simulator.closeConversationAt(reopened, Instant.parse("2022-06-01T00:00:00Z"));
        simulator.setConversationState(reopened, ConversationState.Open);
        v1().body(CLOSED_BEFORE_2023).post("/search/conversations").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].id", equalTo((int) old))
                .body("data[0].highlights", equalTo(Map.of()));
    }

    @Test
    void searchPagesThroughManyHitsInCsidOrderWithoutGapsOrDuplicates() {
        List<Long> closed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long id = simulator.addConversation(customer, i % 4 == 0 ? ConversationState.Open : ConversationState.Closed,
                    i % 2 == 0 ? "Email" : "WidgetChat", Instant.parse("2022-01-01T00:00:00Z"));
            if (i % 4 != 0) {
                closed.add(id);
            }
        }
        List<Long> seen = new ArrayList<>();
        String pageKey = null;
        do {
            var request = v1().queryParam("pageLimit", 7).body(CLOSED_BEFORE_2023);
            if (pageKey != null) {
                request.queryParam("pageKey", pageKey);
            }
            JsonPath page = request.post("/search/conversations").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id", Long.class));
            String next = page.getString("meta.next");
            assertThat(next == null || next.startsWith("/v1/search/conversations?")).isTrue();
            pageKey = next == null ? null : java.net.URLDecoder.decode(
                    next.replaceAll(".*pageKey=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        } while (pageKey != null);
        assertThat(seen).containsExactlyElementsOf(closed);
    }

    @Test
    void searchFiltersByStatusChannelAndCreationDate() {
        long chat = simulator.addConversation(customer, ConversationState.Open, "WidgetChat", Instant.parse("2023-03-01T00:00:00Z"));
        simulator.addConversation(customer, ConversationState.Pending, "Email", Instant.parse("2023-03-01T00:00:00Z"));
        simulator.addConversation(customer, ConversationState.Open, "WidgetChat", Instant.parse("2021-03-01T00:00:00Z"));
        String body = """
                {"filters":{"strategy":"All","conditions":[
                  {"field":{"_type":"Status","operator":{"_type":"IsNotOneOf","values":["closed","pending"]}}},
                  {"field":{"_type":"Channel","operator":{"_type":"IsOneOf","values":["chat"]}}},
                  {"field":{"_type":"CreationDate","operator":{"_type":"Between",
                    "timestampFrom":"2023-01-01T00:00:00Z","timestampTo":"2023-12-31T23:59:59.999Z"}}}]}}
                """;
        v1().body(body).post("/search/conversations").then().statusCode(200)
                .body("data.id", equalTo(List.of((int) chat)));
    }

    @Test
    void malformedSearchBodiesAre400() {
        v1().body("{not json").post("/search/conversations").then().statusCode(400).body("message", notNullValue());
        v1().body("{\"filters\":{\"strategy\":\"Some\",\"conditions\":[]}}").post("/search/conversations")
                .then().statusCode(400);
        v1().body("{\"filters\":{\"strategy\":\"All\",\"conditions\":[{\"field\":{\"_type\":\"Status\","
                + "\"operator\":{\"_type\":\"IsOneOf\",\"values\":[\"Closed\"]}}}]}}").post("/search/conversations")
                .then().statusCode(400);
    }

    @Test
    void endUsersAreFoundByExactEmailPhoneOrExternalIdAndOnlyOneFilterIsAllowed() {
        simulator.setEndUserExternalId(customer, "crm-3");
        v1().queryParam("email", "carl@example.com").get("/endusers").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].id", equalTo(customer.toString()))
                .body("data[0].phoneNumber", equalTo("+4520000003"))
                .body("data[0].createdAt", org.hamcrest.Matchers.matchesPattern(SimConversationEndpointsTest.PLAIN_DATE));
        v1().queryParam("phone", "+4520000003").get("/endusers").then().statusCode(200).body("data", hasSize(1));
        v1().queryParam("externalId", "crm-3").get("/endusers").then().statusCode(200).body("data", hasSize(1));
        v1().queryParam("email", "CARL@example.com").get("/endusers").then().statusCode(200).body("data", hasSize(0));
        v1().queryParam("email", "carl@example.com").queryParam("phone", "+4520000003").get("/endusers")
                .then().statusCode(400).body("message", equalTo("Cannot provide more than one filter"));
        v1().get("/endusers/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void importCreatesABackDatedClosedConversationOnlyUnderBeta() {
        UUID agent = simulator.configuredAgentId();
        Map<String, Object> body = Map.of("genericChannelName", "email", "requesterId", customer, "direction", "Inbound",
                "createdAt", "2021-12-01T11:00:00.001Z",
                "messages", List.of(Map.of("content", Map.of("value", "old question", "_type", "Text"),
                        "createdAt", "2021-12-01T13:00:00.003Z", "_type", "InboundImport")),
                "closing", Map.of("closedAt", "2021-12-01T15:00:00.005Z[GMT]", "closedBy", agent));
        int id = beta().body(body).post("/conversations/import").then().statusCode(201)
                .body("data.id", notNullValue()).extract().path("data.id");
        SimConversation imported = simulator.conversation(id).orElseThrow();
        assertThat(imported.state()).isEqualTo(ConversationState.Closed);
        assertThat(imported.closedAt()).isEqualTo(Instant.parse("2021-12-01T15:00:00.005Z"));
        assertThat(imported.messages()).containsExactly("old question");
        v1().get("/conversations/{id}", id).then().statusCode(200)
                .body("data.createdAt", equalTo("2021-12-01T11:00:00Z"));
        v1().body(body).post("/conversations/import").then().statusCode(404);
    }

    @Test
    void importRefusesMessageContentThatIsNotATextOrHtmlObject() {
        Map<String, Object> plain = Map.of("genericChannelName", "genericapimessaging", "requesterId", customer,
                "direction", "Inbound", "createdAt", "2021-12-01T11:00:00.001Z",
                "messages", List.of(Map.of("content", "old question", "createdAt", "2021-12-01T13:00:00.003Z",
                        "_type", "InboundImport")));
        Map<String, Object> untyped = Map.of("genericChannelName", "genericapimessaging", "requesterId", customer,
                "direction", "Inbound", "createdAt", "2021-12-01T11:00:00.001Z",
                "messages", List.of(Map.of("content", Map.of("value", "old question"),
                        "createdAt", "2021-12-01T13:00:00.003Z", "_type", "InboundImport")));

        beta().body(plain).post("/conversations/import").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("content"));
        beta().body(untyped).post("/conversations/import").then().statusCode(400);
        assertThat(simulator.calls()).filteredOn(call -> call.status() == 201).isEmpty();
    }

    @Test
    void importWithAnUnknownRequesterOrAgentIs400() {
        beta().body(Map.of("genericChannelName", "email", "requesterId", UUID.randomUUID(), "direction", "Inbound",
                "createdAt", "2021-12-01T11:00:00Z")).post("/conversations/import")
                .then().statusCode(400).body("message", equalTo("Requester does not exist"));
        beta().body(Map.of("genericChannelName", "email", "requesterId", customer, "direction", "Inbound",
                "createdAt", "2021-12-01T11:00:00Z",
                "closing", Map.of("closedAt", "2021-12-01T15:00:00Z", "closedBy", UUID.randomUUID())))
                .post("/conversations/import").then().statusCode(400).body("message", equalTo("Agent does not exist"));
    }
}
