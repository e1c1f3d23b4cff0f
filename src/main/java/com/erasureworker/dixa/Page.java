package com.erasureworker.dixa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
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
     * same request (a POST search must re-send its body anyway). Read by hand, not as a {@link java.net.URI}: the
     * spec's own example ({@code /<api-version>/search/conversations/?pageKey=cGFn...%3D%3D:}) is no valid URI, and
     * only percent escapes are decoded (a {@code +} in a key stays a plus, it is no form-encoded space).
     */
    public Optional<String> nextPageKey() {
        if (meta == null || meta.next() == null || meta.next().isBlank()) {
            return Optional.empty();
        }
        String next = meta.next().trim();
        int fragment = next.indexOf('#');
        next = fragment >= 0 ? next.substring(0, fragment) : next;
        int question = next.indexOf('?');
        if (question < 0) {
            return Optional.empty();
        }
        for (String pair : next.substring(question + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("pageKey") && eq + 1 < pair.length()) {
                return Optional.of(percentDecoded(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    /** Decodes {@code %XX} escapes as UTF-8 and leaves every other character, malformed escapes included, as it is. */
    static String percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                    && HexFormat.isHexDigit(text.charAt(i + 1)) && HexFormat.isHexDigit(text.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
