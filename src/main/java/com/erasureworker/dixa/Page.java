package com.erasureworker.dixa;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** One page of a Dixa list: {@code {"data": [...], "meta": {"next": "/v1/...?pageKey=..."}}}. */
public record Page<T>(List<T> data, Meta meta) {

    public record Meta(String next, String previous) {
    }

    public List<T> items() {
        return data == null ? List.of() : data;
    }

    /**
     * The {@code pageKey} of the next page, taken from {@code meta.next}. Dixa's next link is relative
     * ({@code /<version>/...?pageKey=...}) and the key is opaque, so it is extracted unchanged and sent back with the
     * same request (a POST search must re-send its body anyway).
     */
    public Optional<String> nextPageKey() {
        if (meta == null || meta.next() == null || meta.next().isBlank()) {
            return Optional.empty();
        }
        String query = URI.create(meta.next().trim()).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("pageKey")) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
