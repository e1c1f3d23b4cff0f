package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * Dixa's message endpoints: the list (oldest first, not paginated; anonymized messages stay listed with their text
 * replaced, a choice the spec leaves open; README lists it) and message anonymization.
 */
@Path("/simulator/{apiVersion}/conversations/{conversationId}/messages")
@Produces(MediaType.APPLICATION_JSON)
@UnlessBuildProfile("prod")
public class MessageResource {
    @Inject
    SimulatorStore store;

    @Inject
    AnonymizationIntake intake;

    @GET
    public Object list(@PathParam("apiVersion") String apiVersion, @PathParam("conversationId") String conversationId) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        synchronized (store) {
            StoredConversation conversation = store.conversation(csid);
            return SimJson.data(conversation.messages.stream()
                    .map(m -> SimJson.message(m, conversation.channel)).toList());
        }
    }

    @PATCH
    @Path("{messageId}/anonymize")
    public Response anonymize(@PathParam("apiVersion") String apiVersion,
            @PathParam("conversationId") String conversationId, @PathParam("messageId") String messageId) {
        long csid = RequestValues.csid(apiVersion, conversationId);
        UUID id = RequestValues.uuid(messageId, "path parameter messageId");
        return ConversationResource.accepted(intake.message(csid, id));
    }
}
