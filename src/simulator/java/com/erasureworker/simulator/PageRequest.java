package com.erasureworker.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dixa's {@code pageLimit}/{@code pageKey} paging. The key is opaque Base64 of a cursor: {@code after=<csid>} or
 * {@code before=<csid>} for csid-ordered lists (O(page) per call), {@code offset=<n>} for short lists.
 */
record PageRequest(int limit, Long after, Long before, int offset) {
    static final int DEFAULT_LIMIT = 50;
    /** Dixa documents no maximum; 500 keeps one answer small. */
    static final int MAX_LIMIT = 500;

    static PageRequest of(String pageLimit, String pageKey) {
        int limit = DEFAULT_LIMIT;
        if (pageLimit != null) {
            try {
                limit = Integer.parseInt(pageLimit);
            } catch (NumberFormatException e) {
                throw DixaError.badRequest("Invalid value for: query parameter pageLimit");
            }
            if (limit < 1) {
                throw DixaError.badRequest("Invalid value for: query parameter pageLimit");
            }
        }
        limit = Math.min(limit, MAX_LIMIT);
        if (pageKey == null || pageKey.isEmpty()) {
            return new PageRequest(limit, null, null, 0);
        }
        try {
            String cursor = new String(Base64.getDecoder().decode(pageKey), StandardCharsets.UTF_8);
            String value = cursor.substring(cursor.indexOf('=') + 1);
            if (cursor.startsWith("after=")) {
                return new PageRequest(limit, Long.parseLong(value), null, 0);
            }
            if (cursor.startsWith("before=")) {
                return new PageRequest(limit, null, Long.parseLong(value), 0);
            }
            if (cursor.startsWith("offset=")) {
                return new PageRequest(limit, null, null, Integer.parseInt(value));
            }
        } catch (IllegalArgumentException e) {
            // falls through: not Base64 or not a number
        }
        throw DixaError.badRequest("Invalid value for: query parameter pageKey");
    }

    static String key(String cursor) {
        return Base64.getEncoder().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code meta} with relative links as Dixa writes them: {@code /<apiVersion>/<path>?...&pageKey=..&pageLimit=..},
     * without the simulator prefix. {@code filterQuery} carries the caller's filters (e.g. {@code email=...}).
     */
    Map<String, Object> meta(String apiVersion, String path, String filterQuery, String nextCursor,
            String previousCursor) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (previousCursor != null) {
            meta.put("previous", link(apiVersion, path, filterQuery, previousCursor));
        }
        if (nextCursor != null) {
            meta.put("next", link(apiVersion, path, filterQuery, nextCursor));
        }
        return meta;
    }

    private String link(String apiVersion, String path, String filterQuery, String cursor) {
        String filters = filterQuery == null || filterQuery.isEmpty() ? "" : filterQuery + "&";
        return "/" + apiVersion + path + "?" + filters + "pageKey="
                + URLEncoder.encode(key(cursor), StandardCharsets.UTF_8) + "&pageLimit=" + limit;
    }
}
