package com.erasureworker.dixa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An anonymize call's 202 is read for {@code data.id} above all: a field in an unexpected form must not turn an
 * accepted request into a lost answer, and an answer without an id must not pass for a request the worker can follow.
 */
class LenientAcceptedAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("5bd1b2a8-9a7a-4c7e-9d43-1f0a3b1f4e11");

    @Test
    void theDocumentedAnswerIsReadWhole() throws Exception {
        AnonymizationRequestStatus status = AnonymizationRequestStatus.leniently(data("""
                {"id": "%s", "_type": "ConversationAnonymizationType", "initiatedAt": "2021-12-01T12:46:36.581Z[GMT]",
                 "targetEntityId": "1234", "requestedBy": "%s"}""".formatted(ID, ID))).orElseThrow();

        assertThat(status.id()).isEqualTo(ID);
        assertThat(status.initiatedAt()).isEqualTo(Instant.parse("2021-12-01T12:46:36.581Z"));
        assertThat(status.targetEntityId()).isEqualTo("1234");
        assertThat(status.isProcessed()).isFalse();
    }

    @Test
    void fieldsInAnUnexpectedFormAreLeftOutButTheRequestIsKept() throws Exception {
        AnonymizationRequestStatus status = AnonymizationRequestStatus.leniently(data("""
                {"id": "%s", "initiatedAt": "yesterday", "targetEntityId": 1234, "requestedBy": "not-a-uuid",
                 "processedAt": {"nested": true}, "entityType": "UserAnonymizationType"}""".formatted(ID)))
                .orElseThrow();

        assertThat(status.id()).isEqualTo(ID);
        assertThat(status.initiatedAt()).isNull();
        assertThat(status.targetEntityId()).isEqualTo("1234");
        assertThat(status.requestedBy()).isNull();
        assertThat(status.processedAt()).isNull();
    }

    @Test
    void anAnswerWithoutARequestIdIsNoRequest() throws Exception {
        assertThat(AnonymizationRequestStatus.leniently(data("{\"targetEntityId\": \"1234\"}"))).isEmpty();
        assertThat(AnonymizationRequestStatus.leniently(data("{\"id\": \"42\"}"))).isEmpty();
        assertThat(AnonymizationRequestStatus.leniently(JSON.readTree("[]"))).isEmpty();
        assertThat(AnonymizationRequestStatus.leniently(null)).isEmpty();
    }

    private static JsonNode data(String json) throws Exception {
        return JSON.readTree(json);
    }
}
