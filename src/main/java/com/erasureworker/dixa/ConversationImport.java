package com.erasureworker.dixa;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /beta/conversations/import} (GenericConversationImport), used for canaries and demo data.
 * Dates are written as ISO instants.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationImport(
        String genericChannelName,
        UUID requesterId,
        String direction,
        Instant createdAt,
        List<Message> messages,
        String externalId,
        Closing closing) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(@com.fasterxml.jackson.annotation.JsonProperty("_type") String type, String content,
            Instant createdAt, UUID agentId) {
    }

    public record Closing(Instant closedAt, UUID closedBy) {
    }

    public record Result(long id) {
    }
}
