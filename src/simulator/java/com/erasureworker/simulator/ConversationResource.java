package com.erasureworker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/**
 * Dixa's conversation endpoints: get, close, anonymize, activity log, custom attributes and the beta import.
 * Quarkus REST honours {@code @UnlessBuildProfile} on resources at build time (quarkus.rest.build-time-condition-aware,
 * on by default), so none of the simulator's routes exist in a production build.
 */
@Path("/simulator/{apiVersion}/conversations")
@Produces(MediaType.APPLICATION_JSON)
@UnlessBuildProfile("prod")
public class ConversationResource {
    @Inject
    SimulatorStore store;

    @Inject
    AnonymizationIntake intake;

    @Inject
    CustomAttributePatch attributePatch;

    @Inject
    ConversationImport conversationImport;

    @Inject
    SimulatorModes modes;

    @GET
    @Path("{conversationId}")
    public Object get(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") String conversationId) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        synchronized (store) {
            StoredConversation conversation = store.conversation(csid);
            if (conversation.anonymizedAt != null && modes.anonymizedIsNotFound()) {
                throw DixaError.notFound();
            }
            java.util.Map<String, Object> json = SimJson.conversation(conversation);
            if (!conversation.customAttributes.isEmpty()) {
                json.put("customAttributes", SimJson.customAttributes(conversation, store));
            }
            return SimJson.data(json);
        }
    }

    /**
     * Closing a conversation that is already closed answers 204 and changes nothing (the spec lists no 409), or 400
     * in the mode {@link SimulatorModes#closeOfClosedIsBadRequest}.
     */
    @PUT
    @Path("{conversationId}/close")
    public Response close(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") String conversationId,
            String body) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        JsonNode input = RequestValues.json(body);
        String userId = RequestValues.text(input, "userId");
        synchronized (store) {
            StoredConversation conversation = store.conversation(csid);
            UUID closer = null;
            if (userId != null) {
                closer = RequestValues.uuid(userId, "body");
                Agent agent = store.agent(closer);
                if (agent == null) {
                    throw DixaError.badRequest(store.endUser(closer) != null ? "User is not agent/admin" : "User not found");
                }
            }
            if (!conversation.isClosed()) {
                store.close(conversation, closer, Instant.now());
            } else if (modes.closeOfClosedIsBadRequest()) {
                throw DixaError.badRequest("Conversation " + csid + " is already closed");
            }
        }
        return Response.noContent().build();
    }

    /**
     * Claims the conversation for an agent: 204; with {@code force=false} a conversation assigned to another agent is
     * a 409 (documented in beta only); an unknown agent is a 400.
     */
    @PUT
    @Path("{conversationId}/claim")
    public Response claim(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") String conversationId,
            String body) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        JsonNode input = RequestValues.json(body);
        String agentText = RequestValues.text(input, "agentId");
        if (agentText == null) {
            throw DixaError.badRequest("Invalid value for: body (missing agentId)");
        }
        UUID agentId = RequestValues.uuid(agentText, "body");
        boolean force = input.path("force").asBoolean(false);
        synchronized (store) {
            StoredConversation conversation = store.conversation(csid);
            if (store.agent(agentId) == null) {
                throw DixaError.badRequest("Agent does not exist");
            }
            if (conversation.assignedAgentId != null && !conversation.assignedAgentId.equals(agentId) && !force) {
                throw DixaError.conflict("Conversation " + csid + " is already assigned");
            }
            if (!agentId.equals(conversation.assignedAgentId)) {
                conversation.assignedAgentId = agentId;
                store.record(conversation, "ConversationAssigned", agentId, Instant.now(), java.util.Map.of());
            }
        }
        return Response.noContent().build();
    }

    @PATCH
    @Path("{conversationId}/anonymize")
    public Response anonymize(@PathParam("apiVersion") String apiVersion,
            @PathParam("conversationId") String conversationId, @QueryParam("force") String force) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        boolean forced = RequestValues.force(force);
        return accepted(intake.conversation(csid, forced));
    }

    @GET
    @Path("{conversationId}/activitylog")
    public Object activityLog(@PathParam("apiVersion") String apiVersion,
            @PathParam("conversationId") String conversationId) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        synchronized (store) {
            return SimJson.data(store.conversation(csid).activity.stream()
                    .map(entry -> SimJson.activity(entry, store, modes.systemActivityAuthors())).toList());
        }
    }

    @PATCH
    @Path("{conversationId}/custom-attributes")
    public Object patchCustomAttributes(@PathParam("apiVersion") String apiVersion,
            @PathParam("conversationId") String conversationId, String body) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        return SimJson.data(attributePatch.apply(csid, RequestValues.json(body)));
    }

    /** Beta only: under v1 the route does not exist, so it answers 404 like any unknown path. */
    @POST
    @Path("import")
    public Response importConversation(@PathParam("apiVersion") String apiVersion, String body) {
        RequestValues.version(apiVersion);
        if (!"beta".equals(apiVersion)) {
            throw DixaError.notFound();
        }
        ConversationImport.Imported imported = conversationImport.apply(RequestValues.json(body));
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("id", imported.id());
        if (!imported.partialErrors().isEmpty()) {
            data.put("partialErrors", imported.partialErrors().stream().map(m -> java.util.Map.of("message", m)).toList());
        }
        return Response.status(201).entity(SimJson.data(data)).build();
    }

    static Response accepted(AnonymizationRequest request) {
        return Response.status(202).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(SimJson.data(SimJson.anonymization(request))).build();
    }
}
