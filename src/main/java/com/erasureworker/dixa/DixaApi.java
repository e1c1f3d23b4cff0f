package com.erasureworker.dixa;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import jakarta.ws.rs.Consumes;
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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Every Dixa endpoint the worker uses. Package-private: only {@link DixaClient} calls it, and it owns timeouts,
 * retries and the mapping of answers. Methods return the raw {@link Response} so every status reaches that mapping
 * (the default exception mapper is disabled in application.properties).
 *
 * <p>The token goes raw into {@code Authorization}, as Dixa's docs and own clients send it (README lists the choice).
 */
@RegisterRestClient(configKey = "dixa")
@Path("/{apiVersion}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Authorization", value = "${dixa.api-token}")
interface DixaApi {

    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultMapper) {
        return DixaJson.configure(defaultMapper.copy());
    }

    @GET
    @Path("/conversations/{conversationId}")
    Response getConversation(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") long conversationId);

    @PUT
    @Path("/conversations/{conversationId}/close")
    Response closeConversation(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") long conversationId,
            CloseConversationInput body);

    @PATCH
    @Path("/conversations/{conversationId}/anonymize")
    Response anonymizeConversation(@PathParam("apiVersion") String apiVersion,
            @PathParam("conversationId") long conversationId, @QueryParam("force") boolean force);

    @PATCH
    @Path("/conversations/{conversationId}/messages/{messageId}/anonymize")
    Response anonymizeMessage(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") long conversationId,
            @PathParam("messageId") UUID messageId);

    @PATCH
    @Path("/endusers/{userId}/anonymize")
    Response anonymizeEndUser(@PathParam("apiVersion") String apiVersion, @PathParam("userId") UUID userId,
            @QueryParam("force") boolean force);

    @GET
    @Path("/anonymization/request/{requestId}")
    Response getAnonymizationRequest(@PathParam("apiVersion") String apiVersion, @PathParam("requestId") UUID requestId);

    @GET
    @Path("/endusers")
    Response findEndUsersByEmail(@PathParam("apiVersion") String apiVersion, @QueryParam("email") String email,
            @QueryParam("pageKey") String pageKey);

    @GET
    @Path("/endusers")
    Response findEndUsersByPhone(@PathParam("apiVersion") String apiVersion, @QueryParam("phone") String phone,
            @QueryParam("pageKey") String pageKey);

    @GET
    @Path("/endusers")
    Response listEndUsers(@PathParam("apiVersion") String apiVersion, @QueryParam("pageKey") String pageKey);

    @GET
    @Path("/endusers/{userId}/conversations")
    Response listEndUserConversations(@PathParam("apiVersion") String apiVersion, @PathParam("userId") UUID userId,
            @QueryParam("pageKey") String pageKey);

    @GET
    @Path("/conversations/{conversationId}/notes")
    Response listInternalNotes(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") long conversationId);

    @POST
    @Path("/conversations/{conversationId}/notes")
    Response addInternalNote(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") long conversationId,
            CreateInternalNoteInput body);

    @PATCH
    @Path("/conversations/{conversationId}/custom-attributes")
    Response patchCustomAttributes(@PathParam("apiVersion") String apiVersion,
            @PathParam("conversationId") long conversationId, Map<UUID, Object> values);

    @GET
    @Path("/conversations/{conversationId}/activitylog")
    Response getActivityLog(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") long conversationId);

    @POST
    @Path("/search/conversations")
    Response searchConversations(@PathParam("apiVersion") String apiVersion, @QueryParam("pageLimit") Integer pageLimit,
            @QueryParam("pageKey") String pageKey, SearchParameters body);

    /** The contract self-check's route probe: a route every tenant has, asked for one item. */
    @GET
    @Path("/agents")
    Response listAgents(@PathParam("apiVersion") String apiVersion, @QueryParam("pageLimit") Integer pageLimit);

    @PUT
    @Path("/conversations/{conversationId}/claim")
    Response claimConversation(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") long conversationId,
            ClaimConversationInput body);

    /** Canary read-back only: message content is searched for the canary's marker and never kept. */
    @GET
    @Path("/conversations/{conversationId}/messages")
    Response readMessages(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") long conversationId);

    /** Canary read-back only (separate from any notes listing the pipeline may use). */
    @GET
    @Path("/conversations/{conversationId}/notes")
    Response readNotes(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") long conversationId);

    /** Creates the canary's synthetic end user. */
    @POST
    @Path("/endusers")
    Response createEndUser(@PathParam("apiVersion") String apiVersion, CreateEndUserInput body);

    /** Beta only: always called with apiVersion {@code beta}. */
    @POST
    @Path("/conversations/import")
    Response importConversation(@PathParam("apiVersion") String apiVersion, ConversationImport body);

    @GET
    @Path("/webhooks")
    Response listWebhooks(@PathParam("apiVersion") String apiVersion);

    @POST
    @Path("/webhooks")
    Response createWebhook(@PathParam("apiVersion") String apiVersion, DixaWebhook.Input body);

    @PATCH
    @Path("/webhooks/{webhookSubscriptionId}")
    Response patchWebhook(@PathParam("apiVersion") String apiVersion, @PathParam("webhookSubscriptionId") UUID id,
            DixaWebhook.Input body);

    record CloseConversationInput(UUID userId) {
    }

    record CreateInternalNoteInput(String message, UUID agentId) {
    }

    record ClaimConversationInput(UUID agentId, boolean force) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record CreateEndUserInput(String displayName, String externalId) {
    }
}
