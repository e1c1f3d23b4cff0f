package com.erasureworker.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The one way an endpoint with an alternative representation (CSV, PDF) chooses it over JSON: the client's most
 * preferred acceptable type decides, and a wildcard ({@code *}/{@code *}, {@code text/*}) or no Accept at all means
 * JSON. Quarkus REST ignores server-side preferences ({@code qs}), so two methods that differ only in
 * {@code @Produces} would let a wildcard pick the alternative; one method that asks this keeps JSON the default.
 */
public final class Negotiation {

    private Negotiation() {
    }

    /** Whether the client named {@code alternative} (e.g. {@code text/csv}) before JSON. */
    public static boolean prefers(HttpHeaders headers, String alternative) {
        MediaType wanted = MediaType.valueOf(alternative);
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (!acceptable.isWildcardType() && !acceptable.isWildcardSubtype() && acceptable.isCompatible(wanted)) {
                return true;
            }
            if (acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
