package com.erasureworker.dixa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/search/conversations} (SearchParametersInput). Each condition is
 * {@code {"field": {"_type": ..., "operator": {"_type": ..., ...}}}}; kept as maps because the field and operator
 * kinds are open-ended discriminated unions.
 */
public record SearchParameters(Filters filters) {

    public record Filters(String strategy, List<Map<String, Object>> conditions) {
    }

    /** Closed conversations whose ClosedDate is at or before {@code cutoff}, optionally of some channels only. */
    public static SearchParameters closedBefore(Instant cutoff, List<String> channels) {
        List<Map<String, Object>> conditions = new ArrayList<>();
        conditions.add(condition("Status", Map.of("_type", "IsOneOf", "values", List.of("closed"))));
        conditions.add(condition("ClosedDate", Map.of("_type", "Until", "timestamp", DixaDates.format(cutoff))));
        if (channels != null && !channels.isEmpty()) {
            conditions.add(condition("Channel", Map.of("_type", "IsOneOf", "values", channels)));
        }
        return new SearchParameters(new Filters("All", conditions));
    }

    /**
     * Closed conversations whose ClosedDate lies in {@code [from, to]} (Dixa's Between, both bounds inclusive),
     * optionally of some channels only: one time window of a sweep's enumeration.
     */
    public static SearchParameters closedBetween(Instant from, Instant to, List<String> channels) {
        List<Map<String, Object>> conditions = new ArrayList<>();
        conditions.add(condition("Status", Map.of("_type", "IsOneOf", "values", List.of("closed"))));
        conditions.add(condition("ClosedDate", Map.of("_type", "Between", "timestampFrom", DixaDates.format(from),
                "timestampTo", DixaDates.format(to))));
        if (channels != null && !channels.isEmpty()) {
            conditions.add(condition("Channel", Map.of("_type", "IsOneOf", "values", channels)));
        }
        return new SearchParameters(new Filters("All", conditions));
    }

    private static Map<String, Object> condition(String field, Map<String, Object> operator) {
        return Map.of("field", Map.of("_type", field, "operator", operator));
    }
}
