package com.erasureworker.audit;

import com.erasureworker.api.QueryParameters;
import com.erasureworker.api.Problem.FieldError;
import com.erasureworker.api.ProblemException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which audit events an auditor asks for: a time range, a ticket (by ticketRef, or by id for a ticket's history), an
 * actor, a type. Parameters arrive as text and are parsed here, so a bad value is a 400 naming the parameter.
 * {@code page} and {@code size} apply to the JSON list only; a CSV export is the whole selection.
 */
public record AuditEventQuery(Instant from, Instant to, String ticketRef, UUID requestId, String actor, AuditType type,
        int page, int size) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 500;

    static final String COLUMNS = "e.sequence, e.occurred_at, e.actor, e.request_id, r.ticket_ref, e.target_id, e.type, "
            + "e.detail::text, e.hash";
    static final String FROM = " from audit_event e left join erasure_request r on r.id = e.request_id";

    public static AuditEventQuery parse(String from, String to, String ticketRef, String actor, String type,
            String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        AuditEventQuery query = new AuditEventQuery(
                QueryParameters.value("from", from, QueryParameters::instant, "an ISO-8601 instant", errors),
                QueryParameters.value("to", to, QueryParameters::instant, "an ISO-8601 instant", errors),
                QueryParameters.value("ticketRef", ticketRef, text -> text, "", errors),
                null,
                QueryParameters.value("actor", actor, text -> text, "", errors),
                QueryParameters.value("type", type, AuditType::valueOf, "one of " + Arrays.toString(AuditType.values()), errors),
                QueryParameters.page(page, size, DEFAULT_SIZE, MAX_SIZE, errors),
                QueryParameters.bounded("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors));
        if (query.from != null && query.to != null && !query.from.isBefore(query.to)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters have values that cannot be used.", errors);
        }
        return query;
    }

    /** Every event of one ticket, in order: its history. */
    public static AuditEventQuery ofTicket(UUID requestId) {
        return new AuditEventQuery(null, null, null, requestId, null, null, 0, MAX_SIZE);
    }

    /** The SQL condition with {@code ?} placeholders; {@link #parameters()} gives their values in order. */
    String where() {
        List<String> conditions = new ArrayList<>();
        if (from != null) {
            conditions.add("e.occurred_at >= ?");
        }
        if (to != null) {
            conditions.add("e.occurred_at < ?");
        }
        if (ticketRef != null) {
            conditions.add("r.ticket_ref = ?");
        }
        if (requestId != null) {
            conditions.add("e.request_id = ?");
        }
        if (actor != null) {
            conditions.add("e.actor = ?");
        }
        if (type != null) {
            conditions.add("e.type = ?");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    List<Object> parameters() {
        List<Object> values = new ArrayList<>();
        if (from != null) {
            values.add(OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
        }
        if (to != null) {
            values.add(OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
        }
        for (Object value : new Object[] { ticketRef, requestId, actor, type == null ? null : type.name() }) {
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** The filter as an EXPORTED event records it: what was asked for, never what came back. */
    Map<String, Object> describe() {
        Map<String, Object> filter = new LinkedHashMap<>();
        put(filter, "from", from);
        put(filter, "to", to);
        put(filter, "ticketRef", ticketRef);
        put(filter, "requestId", requestId);
        put(filter, "actor", actor);
        put(filter, "type", type);
        return filter;
    }

    private static void put(Map<String, Object> filter, String name, Object value) {
        if (value != null) {
            filter.put(name, value.toString());
        }
    }
}
