package com.erasureworker.api;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** The link to the next page: the same request with its paging parameter replaced, as a path and query. */
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
        return next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
    }
}
