package com.erasureworker.api;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The link to the next page: the same request with its paging parameter replaced, as a path and an already encoded
 * query (clients follow it as is).
 */
public final class PageLinks {

    private PageLinks() {
    }

    /** Null when {@code value} is null (no next page); {@code page} is dropped unless it is the parameter set. */
    public static String next(UriInfo uri, String parameter, Object value) {
        if (value == null) {
            return null;
        }
        var builder = uri.getRequestUriBuilder();
        if (!"page".equals(parameter)) {
            builder.replaceQueryParam("page");
        }
        URI next = builder.replaceQueryParam(parameter, value).build();
        // Removing the only parameter can leave an empty one behind ("?&x=1"): drop empties.
        String query = next.getRawQuery() == null ? "" : Arrays.stream(next.getRawQuery().split("&"))
                .filter(part -> !part.isEmpty()).collect(Collectors.joining("&"));
        return next.getRawPath() + (query.isEmpty() ? "" : "?" + query);
    }
}
