package com.erasureworker.webhook;

import com.erasureworker.api.PathIds;
import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.api.QueryParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Outgoing webhook subscriptions and their delivery log; admins only. Thin over {@link WebhookSubscriptions}. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Webhooks", description = "Signed notifications to the DPO's ticket system (Standard Webhooks)")
@APIResponse(responseCode = "401", description = "no or wrong credentials", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the role does not allow this", content = @Content(
        mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookResource {

    private static final int DEFAULT_SIZE = 50;
    private static final int MAX_SIZE = 500;

    private final WebhookSubscriptions subscriptions;
    private final WebhookConfig config;
    private final ReceiverAddresses addresses;

    WebhookResource(WebhookSubscriptions subscriptions, WebhookConfig config, ReceiverAddresses addresses) {
        this.subscriptions = subscriptions;
        this.config = config;
        this.addresses = addresses;
    }

    @GET
    @Operation(summary = "List subscriptions", description = "Secrets are never shown. Role: admin.")
    public List<SubscriptionView> list() {
        return subscriptions.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a subscription", description = "Body: url (https), eventTypes, optional source "
            + "(DPO, SWEEP, CANARY) and enabled. The answer carries the signing secret (whsec_…) once; it is never "
            + "shown again. Role: admin.")
    @APIResponse(responseCode = "201", description = "created; Location names it; the body holds the secret")
    @APIResponse(responseCode = "422", description = "values not acceptable (e.g. an http URL in production)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(byte[] body, @Context SecurityContext security) {
        SubscriptionView created = subscriptions.create(SubscriptionRequest.read(body, config.allowHttp(), addresses),
                security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/webhooks/" + created.id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One subscription", description = "Role: admin.")
    public SubscriptionView get(@PathParam("id") String id) {
        return subscriptions.get(PathIds.uuid(id, "subscription"));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a subscription", description = "The same body as creation; enabled=false stops "
            + "new events for it. The secret is kept. Role: admin.")
    public SubscriptionView update(@PathParam("id") String id, byte[] body, @Context SecurityContext security) {
        UUID subscription = PathIds.uuid(id, "subscription");
        return subscriptions.update(subscription, SubscriptionRequest.read(body, config.allowHttp(), addresses),
                security.getUserPrincipal().getName());
    }

    @POST
    @Path("{id}/test")
    @Operation(summary = "Send a test event", description = "Queues a webhook.test event to this subscription "
            + "(enabled or not); follow it in the delivery log. Role: admin.")
    @APIResponse(responseCode = "202", description = "queued")
    public Response test(@PathParam("id") String id, @Context SecurityContext security) {
        UUID delivery = subscriptions.test(PathIds.uuid(id, "subscription"), security.getUserPrincipal().getName());
        return Response.accepted(Map.of("deliveryId", delivery)).build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "Delivery log", description = "Newest first: attempts, last status code, answer size and "
            + "duration, next try. Receivers' bodies are never kept. Role: admin.")
    public DeliveryPage deliveries(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        UUID subscription = PathIds.uuid(id, "subscription");
        List<Problem.FieldError> errors = new ArrayList<>();
        int pageNumber = QueryParameters.page(page, size, DEFAULT_SIZE, MAX_SIZE, errors);
        int pageSize = QueryParameters.bounded("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters have values that cannot be used.", errors);
        }
        return subscriptions.deliveries(subscription, pageNumber, pageSize);
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/replay")
    @Operation(summary = "Replay a delivery", description = "Sends the event again at once with the same "
            + "webhook-id (receivers deduplicate by it), also after it was delivered or marked dead. A delivery made "
            + "before the subscription's URL changed needs toChangedUrl=true. Role: admin.")
    @APIResponse(responseCode = "202", description = "queued")
    @APIResponse(responseCode = "409", description = "the URL changed since this delivery; add toChangedUrl=true",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replay(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId,
            @QueryParam("toChangedUrl") String toChangedUrl, @Context SecurityContext security) {
        boolean consent = false;
        if (toChangedUrl != null && !(consent = toChangedUrl.equals("true")) && !toChangedUrl.equals("false")) {
            throw ProblemException.badRequest("Some query parameters have values that cannot be used.",
                    List.of(new Problem.FieldError("toChangedUrl", "must be true or false")));
        }
        subscriptions.replay(PathIds.uuid(id, "subscription"), PathIds.uuid(deliveryId, "delivery"), consent,
                security.getUserPrincipal().getName());
        return Response.accepted().build();
    }
}
