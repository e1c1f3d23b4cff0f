package com.erasureworker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dixa's webhook subscriptions: list, create (201), get and patch. Authorization is {@code BasicAuth}
 * (username, password), {@code TokenAuth} (value, sent as {@code Bearer <value>}) or {@code NoAuth}, by {@code _type};
 * answers show it as the {@code headers} Dixa will send, plus the subscription's {@code secretKey}, as the spec does.
 */
@Path("/simulator/{apiVersion}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@UnlessBuildProfile("prod")
public class WebhookSubscriptionResource {

    @Inject
    SimulatorWebhooks webhooks;

    @GET
    public Object list(@PathParam("apiVersion") String apiVersion) {
        return SimJson.data(webhooks.list().stream().map(WebhookSubscriptionResource::json).toList());
    }

    @GET
    @Path("{id}")
    public Object get(@PathParam("apiVersion") String apiVersion, @PathParam("id") String id) {
        return SimJson.data(json(webhooks.find(RequestValues.uuid(id, "path parameter webhookSubscriptionId"))));
    }

    @POST
    public Response create(@PathParam("apiVersion") String apiVersion, String body) {
        JsonNode input = RequestValues.json(body);
        String name = RequestValues.text(input, "name");
        String url = RequestValues.text(input, "url");
        if (name == null || url == null || !input.hasNonNull("authorization")) {
            throw DixaError.badRequest("Invalid value for: body (name, url and authorization are required)");
        }
        SimWebhook hook = webhooks.create(name, url, events(input), authorization(input.get("authorization")),
                !input.has("enabled") || input.get("enabled").asBoolean(true));
        return Response.status(201).entity(SimJson.data(json(hook))).build();
    }

    @PATCH
    @Path("{id}")
    public Object patch(@PathParam("apiVersion") String apiVersion, @PathParam("id") String id, String body) {
        JsonNode input = RequestValues.json(body);
        SimWebhook hook = webhooks.find(RequestValues.uuid(id, "path parameter webhookSubscriptionId"));
        synchronized (webhooks) {
            if (input.hasNonNull("name")) {
                hook.name = input.get("name").asText();
            }
            if (input.hasNonNull("url")) {
                hook.url = input.get("url").asText();
            }
            if (input.hasNonNull("events")) {
                hook.events = events(input);
            }
            if (input.hasNonNull("authorization")) {
                hook.authorization = authorization(input.get("authorization"));
            }
            if (input.hasNonNull("enabled")) {
                hook.enabled = input.get("enabled").asBoolean();
            }
            hook.updatedAt = Instant.now();
            return SimJson.data(json(hook));
        }
    }

    private static List<String> events(JsonNode input) {
        List<String> events = new ArrayList<>();
        if (input.has("events")) {
            if (!input.get("events").isArray()) {
                throw DixaError.badRequest("Invalid value for: body (events must be an array)");
            }
            input.get("events").forEach(event -> events.add(event.asText()));
        }
        return events;
    }

    private static String authorization(JsonNode node) {
        String type = node.path("_type").asText("");
        return switch (type) {
            case "BasicAuth" -> "Basic " + Base64.getEncoder().encodeToString((node.path("username").asText() + ":"
                    + node.path("password").asText()).getBytes(StandardCharsets.UTF_8));
            case "TokenAuth" -> "Bearer " + node.path("value").asText();
            case "NoAuth" -> null;
            default -> throw DixaError.badRequest("Invalid value for: body (authorization._type)");
        };
    }

    private static Map<String, Object> json(SimWebhook hook) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", hook.id);
        json.put("name", hook.name);
        json.put("subscribedEvents", hook.events);
        json.put("url", hook.url);
        json.put("headers", hook.authorization == null ? Map.of() : Map.of("Authorization", hook.authorization));
        json.put("secretKey", hook.secretKey);
        json.put("enabled", hook.enabled);
        json.put("createdAt", SimDates.plain(hook.createdAt));
        json.put("createdBy", SimulatorWebhooks.ORGANIZATION);
        json.put("updatedAt", SimDates.plain(hook.updatedAt));
        json.put("updatedBy", SimulatorWebhooks.ORGANIZATION);
        return json;
    }
}
