package com.erasureworker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/** Reads path, query and body values the way Dixa validates them: anything malformed is a 400 with a message. */
final class RequestValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestValues() {
    }

    /** Only {@code v1} and {@code beta} exist; any other version is an unknown path. */
    static void version(String apiVersion) {
        if (!"v1".equals(apiVersion) && !"beta".equals(apiVersion)) {
            throw DixaError.notFound();
        }
    }

    static long csid(String apiVersion, String value) {
        version(apiVersion);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw DixaError.badRequest("Invalid value for: path parameter conversationId");
        }
    }

    static UUID uuid(String value, String name) {
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(value);
            }
            return id;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DixaError.badRequest("Invalid value for: " + name);
        }
    }

    static boolean force(String value) {
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DixaError.badRequest("Invalid value for: query parameter force");
        };
    }

    /** The body as JSON; an empty body reads as a missing node. */
    static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw DixaError.badRequest("Decoding failure in request");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw DixaError.badRequest("Invalid value for: body");
        }
        return value.asText();
    }
}
