package com.erasureworker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Dixa's internal notes: add one (200, not 201) and list them oldest first. */
@Path("/simulator/{apiVersion}/conversations/{conversationId}/notes")
@Produces(MediaType.APPLICATION_JSON)
@UnlessBuildProfile("prod")
public class NoteResource {
    @Inject
    SimulatorStore store;

    /** A note without agentId is written by the token's user, as Dixa does. */
    @ConfigProperty(name = "dixa.agent-id")
    UUID tokenUserId;

    @GET
    public Object list(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") String conversationId) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        synchronized (store) {
            return SimJson.data(store.conversation(csid).notes.stream().map(SimJson::note).toList());
        }
    }

    @POST
    public Object add(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") String conversationId,
            String body) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        JsonNode input = RequestValues.json(body);
        String message = RequestValues.text(input, "message");
        if (message == null) {
            throw DixaError.badRequest("Invalid value for: body (missing message)");
        }
        String agentId = RequestValues.text(input, "agentId");
        String createdAt = RequestValues.text(input, "createdAt");
        Instant at = createdAt == null ? Instant.now() : SimDates.parse(createdAt);
        synchronized (store) {
            StoredConversation conversation = store.conversation(csid);
            UUID author = tokenUserId;
            if (agentId != null) {
                author = RequestValues.uuid(agentId, "body");
                if (store.agent(author) == null) {
                    throw DixaError.badRequest("Agent was not found");
                }
            }
            return SimJson.data(SimJson.note(store.addNote(conversation, author, message, at)));
        }
    }
}
