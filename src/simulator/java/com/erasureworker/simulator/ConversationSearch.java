package com.erasureworker.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns Dixa's {@code SearchParametersInput} into a predicate over conversations. Supported: the text query, and
 * filters Status and Channel (IsOneOf/IsNotOneOf, lowercase values) and ClosedDate and CreationDate
 * (Between/Since/Until, bounds inclusive). Other Dixa filter fields are refused with a 400 that names them, so a test
 * never silently gets unfiltered results.
 */
final class ConversationSearch {
    private static final Set<String> STATUSES = Set.of("open", "closed", "pending");

    private ConversationSearch() {
    }

    static Predicate<StoredConversation> parse(JsonNode body) {
        return parse(body, false);
    }

    /** @param firstClose whether ClosedDate is the first close (kept through reopens) rather than the latest */
    static Predicate<StoredConversation> parse(JsonNode body, boolean firstClose) {
        if (!body.isObject()) {
            throw invalid();
        }
        Predicate<StoredConversation> match = c -> true;
        JsonNode query = body.path("query");
        if (!query.isMissingNode() && !query.isNull()) {
            match = match.and(text(query));
        }
        JsonNode filters = body.path("filters");
        if (!filters.isMissingNode() && !filters.isNull()) {
            match = match.and(filters(filters, firstClose));
        }
        return match;
    }

    private static Predicate<StoredConversation> text(JsonNode query) {
        String value = RequestValues.text(query, "value");
        if (value == null || value.isEmpty()) {
            throw invalid();
        }
        boolean exact = query.path("exactMatch").asBoolean(false);
        String needle = value.toLowerCase(Locale.ROOT);
        Predicate<String> hit = exact ? t -> t.contains(needle)
                : t -> List.of(needle.split("\\s+")).stream().anyMatch(t::contains);
        return c -> c.messages.stream().map(m -> m.text.toLowerCase(Locale.ROOT)).anyMatch(hit)
                || (c.subject != null && hit.test(c.subject.toLowerCase(Locale.ROOT)));
    }

    private static Predicate<StoredConversation> filters(JsonNode filters, boolean firstClose) {
        String strategy = RequestValues.text(filters, "strategy");
        if (!"All".equals(strategy) && !"Any".equals(strategy)) {
            throw invalid();
        }
        JsonNode conditions = filters.path("conditions");
        if (!conditions.isArray()) {
            throw invalid();
        }
        List<Predicate<StoredConversation>> parts = new ArrayList<>();
        conditions.forEach(condition -> parts.add(condition(condition.path("field"), firstClose)));
        return "All".equals(strategy) ? c -> parts.stream().allMatch(p -> p.test(c))
                : c -> parts.isEmpty() || parts.stream().anyMatch(p -> p.test(c));
    }

    private static Predicate<StoredConversation> condition(JsonNode field, boolean firstClose) {
        String type = RequestValues.text(field, "_type");
        JsonNode operator = field.path("operator");
        if (type == null || !operator.isObject()) {
            throw invalid();
        }
        return switch (type) {
            case "Status" -> oneOf(operator, c -> c.state.searchStatus(), STATUSES);
            case "Channel" -> oneOf(operator, c -> searchChannel(c.channel), null);
            case "ClosedDate" -> timestamp(operator, firstClose ? c -> c.firstClosedAt : c -> c.closedAt);
            case "CreationDate" -> timestamp(operator, c -> c.createdAt);
            default -> throw DixaError.badRequest("The simulator does not support the search filter " + type);
        };
    }

    private static Predicate<StoredConversation> oneOf(JsonNode operator, Function<StoredConversation, String> value,
            Set<String> allowed) {
        String kind = RequestValues.text(operator, "_type");
        JsonNode values = operator.path("values");
        if (!values.isArray() || !("IsOneOf".equals(kind) || "IsNotOneOf".equals(kind))) {
            throw invalid();
        }
        Set<String> wanted = StreamSupport.stream(values.spliterator(), false).map(v -> {
            if (!v.isTextual() || (allowed != null && !allowed.contains(v.asText()))) {
                throw invalid();
            }
            return v.asText();
        }).collect(Collectors.toSet());
        boolean include = "IsOneOf".equals(kind);
        return c -> wanted.contains(value.apply(c)) == include;
    }

    private static Predicate<StoredConversation> timestamp(JsonNode operator, Function<StoredConversation, Instant> at) {
        String kind = RequestValues.text(operator, "_type");
        Instant from;
        Instant to;
        switch (kind == null ? "" : kind) {
            case "Between" -> {
                from = bound(operator, "timestampFrom");
                to = bound(operator, "timestampTo");
            }
            case "Since" -> {
                from = bound(operator, "timestamp");
                to = Instant.MAX;
            }
            case "Until" -> {
                from = Instant.MIN;
                to = bound(operator, "timestamp");
            }
            default -> throw invalid();
        }
        return c -> {
            Instant value = at.apply(c);
            return value != null && !value.isBefore(from) && !value.isAfter(to);
        };
    }

    private static Instant bound(JsonNode operator, String field) {
        String value = RequestValues.text(operator, field);
        if (value == null) {
            throw invalid();
        }
        return SimDates.parse(value);
    }

    /** Dixa's lowercase search names for the channels ({@code Conversation.channel} is capitalised). */
    static String searchChannel(String channel) {
        return switch (channel) {
            case "WidgetChat" -> "chat";
            case "PstnPhone" -> "phone";
            case "Messenger" -> "dixamessenger";
            default -> channel.toLowerCase(Locale.ROOT);
        };
    }

    private static DixaError invalid() {
        return DixaError.badRequest("Invalid value for: body");
    }
}
