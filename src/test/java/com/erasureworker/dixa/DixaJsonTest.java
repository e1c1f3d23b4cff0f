package com.erasureworker.dixa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Parsing of Dixa's payloads as the spec's examples show them: discriminators, unknown fields, date forms. */
class DixaJsonTest {

    private final ObjectMapper mapper = DixaJson.configure(new ObjectMapper());

    @Test
    void readsAnAnonymizationStatusWithZonedDatesAndTheDeprecatedEntityTypeString() throws Exception {
        String json = """
                {"data": {"id": "6e4bd6a4-1d6e-4a48-9b5c-2b8f3c1b8a11", "_type": "Message",
                  "initiatedAt": "2021-12-01T12:46:36.581Z[GMT]", "processedAt": "2021-12-01T12:46:40.001Z[GMT]",
                  "targetEntityId": "10749_1b9adc49-62f7-4056-a9c0-c18c1f25afdb",
                  "requestedBy": "3b9b2f5e-8f7c-4c0e-a8a3-8d3f1c2b4a55", "entityType": "MessageAnonymizationType"}}
                """;
        AnonymizationRequestStatus status = mapper.readValue(json,
                new TypeReference<Envelope<AnonymizationRequestStatus>>() { }).data();

        assertThat(status.type()).isEqualTo("Message");
        assertThat(status.targetEntityId()).isEqualTo("10749_1b9adc49-62f7-4056-a9c0-c18c1f25afdb");
        assertThat(status.initiatedAt()).isEqualTo(Instant.parse("2021-12-01T12:46:36.581Z"));
        assertThat(status.isProcessed()).isTrue();
    }

    @Test
    void readsAQueuedRequestWithoutProcessedAtAsNotProcessed() throws Exception {
        String json = """
                {"data": {"id": "6e4bd6a4-1d6e-4a48-9b5c-2b8f3c1b8a11", "_type": "Conversation",
                  "initiatedAt": "2021-12-01T12:46:36.581Z[GMT]", "targetEntityId": "10749",
                  "requestedBy": "3b9b2f5e-8f7c-4c0e-a8a3-8d3f1c2b4a55", "entityType": {"_type": "X"}}}
                """;
        AnonymizationRequestStatus status = mapper.readValue(json,
                new TypeReference<Envelope<AnonymizationRequestStatus>>() { }).data();

        assertThat(status.isProcessed()).isFalse();
        assertThat(status.processedAt()).isNull();
    }

    @Test
    void readsAnEmailConversationAndDropsItsPersonalFields() throws Exception {
        String json = """
                {"data": {"_type": "EmailConversation", "id": 10749, "requesterId": "3b9b2f5e-8f7c-4c0e-a8a3-8d3f1c2b4a55",
                  "channel": "Email", "createdAt": "2020-12-16T09:41:43Z", "state": "Open",
                  "stateUpdatedAt": "2020-12-16T10:00:00Z", "toEmail": "support@shop.example",
                  "fromEmail": "jane@example.com", "integrationEmail": "x@shop.example", "subject": "My order",
                  "assignment": {"agentId": "3b9b2f5e-8f7c-4c0e-a8a3-8d3f1c2b4a55", "assignedAt": "2020-12-16T09:42:00Z"},
                  "brandNewFieldDixaAddedLater": {"nested": [1, 2]}}}
                """;
        Conversation conversation = mapper.readValue(json, new TypeReference<Envelope<Conversation>>() { }).data();

        assertThat(conversation.id()).isEqualTo(10749L);
        assertThat(conversation.type()).isEqualTo("EmailConversation");
        assertThat(conversation.isClosed()).isFalse();
        assertThat(conversation.isAnonymized()).isFalse();
        assertThat(conversation.toString()).doesNotContain("jane@example.com").doesNotContain("My order");
    }

    @Test
    void recognisesTheAnonymizedConversationVariant() throws Exception {
        String json = """
                {"data": {"_type": "AnonymizedConversation", "id": 10749, "requesterId": "3b9b2f5e-8f7c-4c0e-a8a3-8d3f1c2b4a55",
                  "channel": "Email", "createdAt": "2020-12-16T09:41:43Z", "anonymizedAt": "2021-12-01T12:46:40Z",
                  "state": "Closed"}}
                """;
        Conversation conversation = mapper.readValue(json, new TypeReference<Envelope<Conversation>>() { }).data();

        assertThat(conversation.isAnonymized()).isTrue();
        assertThat(conversation.anonymizedAt()).isEqualTo(Instant.parse("2021-12-01T12:46:40Z"));
    }

    @Test
    void readsAPageAndTheKeyOfItsRelativeNextLink() throws Exception {
        String json = """
                {"data": [{"id": "3b9b2f5e-8f7c-4c0e-a8a3-8d3f1c2b4a55", "createdAt": "2020-12-16T09:41:43Z",
                  "email": "jane@example.com", "phoneNumber": "+4520000017"}],
                 "meta": {"next": "/v1/search/conversations/?pageKey=cGFnZUxpbWl0PTUwJnBhZ2U9MQ%3D%3D:"}}
                """;
        Page<EndUser> page = mapper.readValue(json, new TypeReference<Page<EndUser>>() { });

        assertThat(page.items()).extracting(EndUser::id)
                .containsExactly(UUID.fromString("3b9b2f5e-8f7c-4c0e-a8a3-8d3f1c2b4a55"));
        assertThat(page.nextPageKey()).contains("cGFnZUxpbWl0PTUwJnBhZ2U9MQ==:");
        assertThat(page.items().get(0).toString()).doesNotContain("jane@example.com").doesNotContain("+4520000017");
    }

    @Test
    void readsTheNextKeyOfTheSpecsOwnExampleAndKeepsAPlusInAKey() {
        // The spec's example is no valid URI (angle brackets); a + in an opaque key is no form-encoded space.
        assertThat(new Page<EndUser>(List.of(), new Page.Meta(
                "/<api-version>/search/conversations/?pageKey=cGFnZUxpbWl0PTUwJnBhZ2U9MQ%3D%3D:", null)).nextPageKey())
                .contains("cGFnZUxpbWl0PTUwJnBhZ2U9MQ==:");
        assertThat(new Page<EndUser>(List.of(), new Page.Meta("/v1/endusers?pageLimit=50&pageKey=a+b/c%2Bd%zz#top",
                null)).nextPageKey()).contains("a+b/c+d%zz");
        assertThat(new Page<EndUser>(List.of(), new Page.Meta("https://dev.dixa.io/v1/endusers?pageKey=", null))
                .nextPageKey()).isEmpty();
    }

    @Test
    void treatsAPageWithoutMetaOrNextAsTheLast() throws Exception {
        assertThat(mapper.readValue("{\"data\": []}", new TypeReference<Page<EndUser>>() { }).nextPageKey()).isEmpty();
        assertThat(mapper.readValue("{\"data\": [], \"meta\": {\"previous\": \"/v1/x?pageKey=a\"}}",
                new TypeReference<Page<EndUser>>() { }).nextPageKey()).isEmpty();
    }

    @Test
    void readsActivityLogEntriesWithoutAuthorPersonalData() throws Exception {
        String json = """
                {"data": [{"id": "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", "conversationId": 10749,
                  "activityTimestamp": "2021-12-01T12:46:36.581Z[GMT]", "_type": "ConversationClosed",
                  "activityType": "ConversationClosed",
                  "author": {"id": "3b9b2f5e-8f7c-4c0e-a8a3-8d3f1c2b4a55", "name": "Agent Smith", "email": "smith@shop.example"},
                  "attributes": {"message": "Customer asked to be forgotten"}}]}
                """;
        var entries = mapper.readValue(json, new TypeReference<Envelope<java.util.List<ActivityLogEntry>>>() { }).data();

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo("ConversationClosed");
            assertThat(entry.activityTimestamp()).isEqualTo(Instant.parse("2021-12-01T12:46:36.581Z"));
            assertThat(entry.toString()).doesNotContain("Agent Smith").doesNotContain("smith@shop.example");
        });
    }
}
