package com.erasureworker.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * The exact bytes an audit event's hash covers, so that writing and verifying agree: fields in a fixed order,
 * separated by a unit separator, the time in microseconds (what PostgreSQL keeps), and the detail as JSON with keys
 * sorted at every level (PostgreSQL's jsonb reorders keys, so the stored text cannot be hashed as it is).
 */
public final class CanonicalEvent {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final char SEPARATOR = '\u001f';

    private CanonicalEvent() {
    }

    public static String hash(String previousHash, long sequence, Instant occurredAt, String actor, UUID requestId,
            UUID targetId, String type, Map<String, Object> detail) {
        String canonical = sequence + "" + SEPARATOR + occurredAt + SEPARATOR + actor + SEPARATOR + text(requestId)
                + SEPARATOR + text(targetId) + SEPARATOR + type + SEPARATOR + json(detail);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static Map<String, Object> parse(String json) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> detail = JSON.readValue(json, Map.class);
            return detail;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit detail", e);
        }
    }

    private static String json(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail must be plain JSON values", e);
        }
    }

    private static String text(UUID id) {
        return id == null ? "" : id.toString();
    }
}
