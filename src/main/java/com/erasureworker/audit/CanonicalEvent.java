package com.erasureworker.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The exact bytes an audit event's hash covers, so that writing and verifying agree. Each event names its hash form:
 * <ul>
 * <li>form 2 ({@link #CURRENT}, docs/verifying-proof.md): SHA-256 of the RFC 8785 canonical JSON of the object
 * {@code actor, detail, form, occurredAt, previousHash, requestId, sequence, targetId, type}, the time in UTC with
 * exactly six fractional digits; anyone can recompute it with any JCS implementation;</li>
 * <li>form 1 (events written before V30): SHA-256 of previousHash then the fields joined by a unit separator, the
 * detail as Jackson JSON with sorted keys. Kept so the existing chain stays verifiable.</li>
 * </ul>
 */
public final class CanonicalEvent {

    public static final short LEGACY = 1;
    public static final short CURRENT = 2;

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final char SEPARATOR = '\u001f';

    private CanonicalEvent() {
    }

    /** The hash of an event in the given form (1 or 2). */
    public static String hash(int form, String previousHash, long sequence, Instant occurredAt, String actor,
            UUID requestId, UUID targetId, String type, Map<String, Object> detail) {
        return switch (form) {
            case LEGACY -> hash(previousHash, sequence, occurredAt, actor, requestId, targetId, type, detail);
            case CURRENT -> sha256(canonicalJson(previousHash, sequence, occurredAt, actor, requestId, targetId, type,
                    detail));
            default -> throw new IllegalArgumentException("unknown hash form " + form);
        };
    }

    /** Form 2's hashed bytes: the RFC 8785 canonical JSON of the event (UTF-8). */
    public static byte[] canonicalJson(String previousHash, long sequence, Instant occurredAt, String actor,
            UUID requestId, UUID targetId, String type, Map<String, Object> detail) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("actor", actor);
        event.put("detail", detail == null ? Map.of() : detail);
        event.put("form", CURRENT);
        event.put("occurredAt", MICROS.format(occurredAt));
        event.put("previousHash", previousHash);
        event.put("requestId", text(requestId));
        event.put("sequence", sequence);
        event.put("targetId", text(targetId));
        event.put("type", type);
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(event)).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("audit detail must be plain JSON values", e);
        }
    }

    /** Form 1 (legacy): previousHash, then the fields joined by a unit separator. */
    public static String hash(String previousHash, long sequence, Instant occurredAt, String actor, UUID requestId,
            UUID targetId, String type, Map<String, Object> detail) {
        String canonical = sequence + "" + SEPARATOR + occurredAt + SEPARATOR + actor + SEPARATOR
                + (requestId == null ? "" : requestId.toString()) + SEPARATOR
                + (targetId == null ? "" : targetId.toString()) + SEPARATOR + type + SEPARATOR + json(detail);
        return sha256(previousHash.getBytes(StandardCharsets.US_ASCII), canonical.getBytes(StandardCharsets.UTF_8));
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
        return id == null ? null : id.toString();
    }

    static String sha256(byte[]... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha256.update(part);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
