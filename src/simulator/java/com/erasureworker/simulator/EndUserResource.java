package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import java.time.Instant;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Dixa's end-user endpoints. An anonymized user still answers 200, with PII removed and displayName
 * "Anonymized user" (the spec is silent, README open question 5); a lookup by e-mail that matches nobody answers 200 with
 * an empty list, although the spec also documents a 404 (§9.14; {@link SimulatorModes} switches to the 404, and to
 * the documented 400 "Duplicate email address" when several users match).
 */
@Path("/simulator/{apiVersion}/endusers")
@Produces(MediaType.APPLICATION_JSON)
@UnlessBuildProfile("prod")
public class EndUserResource {
    @Inject
    SimulatorStore store;

    @Inject
    AnonymizationIntake intake;

    @Inject
    SimulatorModes modes;

    @GET
    public Object list(@PathParam("apiVersion") String apiVersion, @QueryParam("email") String email,
            @QueryParam("phone") String phone, @QueryParam("externalId") String externalId,
            @QueryParam("pageLimit") String pageLimit, @QueryParam("pageKey") String pageKey) {
        RequestValues.version(apiVersion);
        long filters = java.util.stream.Stream.of(email, phone, externalId).filter(Objects::nonNull).count();
        if (filters > 1) {
            throw DixaError.badRequest("Cannot provide more than one filter");
        }
        PageRequest page = PageRequest.of(pageLimit, pageKey);
        Predicate<StoredEndUser> match = email != null ? u -> email.equals(u.email)
                : phone != null ? u -> phone.equals(u.phone)
                : externalId != null ? u -> externalId.equals(u.externalId) : u -> true;
        String filterQuery = email != null ? "email=" + encode(email) : phone != null ? "phone=" + encode(phone)
                : externalId != null ? "externalId=" + encode(externalId) : "";
        synchronized (store) {
            List<StoredEndUser> users = store.endUsersWhere(match);
            boolean contactFilter = email != null || phone != null;
            if (contactFilter && users.isEmpty() && modes.noMatchIsNotFound()) {
                throw DixaError.notFound();
            }
            if (contactFilter && users.size() > 1 && modes.duplicateLookupIsBadRequest()) {
                throw DixaError.badRequest(email != null ? "Duplicate email address" : "Duplicate phone number");
            }
            int from = Math.min(page.offset(), users.size());
            int to = Math.min(from + page.limit(), users.size());
            String next = to < users.size() ? "offset=" + to : null;
            String previous = from > 0 ? "offset=" + Math.max(0, from - page.limit()) : null;
            return Map.of("data", users.subList(from, to).stream().map(SimJson::endUser).toList(),
                    "meta", page.meta(apiVersion, "/endusers", filterQuery, next, previous));
        }
    }

    /** Creates an end user (201); the canary makes its synthetic one here, with a display name and external id. */
    @POST
    public Response create(@PathParam("apiVersion") String apiVersion, String body) {
        RequestValues.version(apiVersion);
        JsonNode input = RequestValues.json(body);
        if (!input.isObject()) {
            throw DixaError.badRequest("Invalid value for: body");
        }
        String email = RequestValues.text(input, "email");
        String phone = RequestValues.text(input, "phoneNumber");
        String displayName = RequestValues.text(input, "displayName");
        String externalId = RequestValues.text(input, "externalId");
        synchronized (store) {
            StoredEndUser user = store.addEndUser(email, phone, Instant.now());
            if (displayName != null) {
                user.displayName = displayName;
                user.firstName = null;
                user.lastName = null;
            }
            user.externalId = externalId;
            return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(SimJson.data(SimJson.endUser(user))).build();
        }
    }

    @GET
    @Path("{userId}")
    public Object get(@PathParam("apiVersion") String apiVersion, @PathParam("userId") String userId) {
        RequestValues.version(apiVersion);
        UUID id = RequestValues.uuid(userId, "path parameter userId");
        synchronized (store) {
            return SimJson.data(SimJson.endUser(requireUser(id)));
        }
    }

    @GET
    @Path("{userId}/conversations")
    public Object conversations(@PathParam("apiVersion") String apiVersion, @PathParam("userId") String userId,
            @QueryParam("pageLimit") String pageLimit, @QueryParam("pageKey") String pageKey) {
        RequestValues.version(apiVersion);
        UUID id = RequestValues.uuid(userId, "path parameter userId");
        PageRequest page = PageRequest.of(pageLimit, pageKey);
        requireUser(id);
        return ConversationPage.of(store, page, c -> c.requesterId.equals(id), SimJson::conversation, apiVersion,
                "/endusers/" + id + "/conversations", "");
    }

    @PATCH
    @Path("{userId}/anonymize")
    public Response anonymize(@PathParam("apiVersion") String apiVersion, @PathParam("userId") String userId,
            @QueryParam("force") String force) {
        RequestValues.version(apiVersion);
        UUID id = RequestValues.uuid(userId, "path parameter userId");
        return ConversationResource.accepted(intake.user(id, RequestValues.force(force)));
    }

    private StoredEndUser requireUser(UUID id) {
        StoredEndUser user = store.endUser(id);
        if (user == null) {
            throw DixaError.notFound();
        }
        return user;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
