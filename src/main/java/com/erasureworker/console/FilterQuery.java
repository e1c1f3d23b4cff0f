package com.erasureworker.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A list page's filter as a query-string tail ({@code &name=value...}, without page) for its pager links. */
final class FilterQuery {

    private FilterQuery() {
    }

    static String of(Map<String, String> filter) {
        StringBuilder query = new StringBuilder();
        filter.forEach((name, value) -> {
            if (!"page".equals(name) && value != null && !value.isBlank()) {
                query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
