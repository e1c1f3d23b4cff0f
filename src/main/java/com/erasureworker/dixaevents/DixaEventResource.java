package com.erasureworker.dixaevents;

import com.erasureworker.api.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where Dixa pushes its events, and the admin operation that subscribes this worker at Dixa. The event endpoint has
 * its own Basic credentials ({@code DIXA_EVENTS_USERNAME}/{@code _PASSWORD}), not an API role: without them it answers
 * 401 and changes nothing.
 */
@Path("/api/v1/dixa-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dixa events", description = "Conversation events pushed by Dixa (hints: the worker re-reads Dixa)")
public class DixaEventResource {

    private final DixaEventAuthorization authorization;
    private final DixaEvents events;
    private final DixaSubscription subscription;

    DixaEventResource(DixaEventAuthorization authorization, DixaEvents events, DixaSubscription subscription) {
        this.authorization = authorization;
        this.events = events;
        this.subscription = subscription;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Dixa event", description = "Dixa's webhook delivery, with the credentials "
            + "configured in DIXA_EVENTS_USERNAME/DIXA_EVENTS_PASSWORD (Basic). ConversationClosed makes the targets "
            + "waiting for that conversation due now; other events are acknowledged and ignored.")
    @APIResponse(responseCode = "204", description = "received")
    @APIResponse(responseCode = "401", description = "missing or wrong credentials; nothing changed", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receive(@HeaderParam(HttpHeaders.AUTHORIZATION) String credentials, byte[] body) {
        if (!authorization.accepts(credentials)) {
            return Response.status(401).type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"dixa-events\"")
                    .entity(Problem.of(401, "unauthorized", "Unauthorized",
                            "Dixa events need the credentials configured for them; nothing was changed."))
                    .build();
        }
        events.receive(body);
        return Response.noContent().build();
    }

    @POST
    @Path("subscription")
    @RolesAllowed("admin")
    @Operation(summary = "Subscribe this worker at Dixa", description = "Creates or updates (found by name) the "
            + "webhook subscription at Dixa for ConversationClosed and ConversationOpen, posting to "
            + "WORKER_PUBLIC_URL/api/v1/dixa-events with the configured Basic credentials. Role: admin.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DixaSubscriptionView.class)))
    @APIResponse(responseCode = "409", description = "WORKER_PUBLIC_URL or the event credentials are not configured",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "Dixa refused or could not be reached", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DixaSubscriptionView subscribe(@Context SecurityContext security) {
        return subscription.createOrUpdate(security.getUserPrincipal().getName());
    }
}
