package com.erasureworker.dixaevents;

import com.erasureworker.api.ProblemException;
import com.erasureworker.pipeline.ErasureLifecycle;
import com.erasureworker.pipeline.WakeUp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;

/**
 * What the worker does with an event Dixa pushes: {@code ConversationClosed} makes the targets waiting for that
 * conversation due now (the step re-reads the conversation at Dixa before acting, so a forged or stale event can only
 * cause an early recheck). Every other event is acknowledged and ignored. Only {@code data.conversation.csid} is read:
 * the payload also carries the requester's name and e-mail, which are neither kept nor logged.
 */
@ApplicationScoped
class DixaEvents {

    static final String CLOSED = "ConversationClosed";

    private final ObjectMapper json;
    private final ErasureLifecycle lifecycle;

    DixaEvents(ObjectMapper json, ErasureLifecycle lifecycle) {
        this.json = json;
        this.lifecycle = lifecycle;
    }

    /** Answers how many waiting targets were made due. */
    int receive(byte[] body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("The body is not a JSON Dixa event.", List.of());
        }
        if (event == null || !event.isObject()) {
            throw ProblemException.badRequest("The body is not a JSON Dixa event.", List.of());
        }
        String type = event.path("event_fqn").asText("");
        if (!CLOSED.equalsIgnoreCase(type) && !"CONVERSATION_CLOSED".equalsIgnoreCase(type)) {
            return 0;
        }
        JsonNode node = event.path("data").path("conversation").path("csid");
        long csid = node.isIntegralNumber() ? node.asLong() : node.isTextual() ? parse(node.textValue()) : -1;
        if (csid <= 0) {
            throw ProblemException.invalid("A ConversationClosed event without a conversation id.",
                    List.of(new com.erasureworker.api.Problem.FieldError("data.conversation.csid",
                            "required: a positive conversation id")));
        }
        return lifecycle.wake(new WakeUp.ConversationClosed(csid, CLOSED));
    }

    private static long parse(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
