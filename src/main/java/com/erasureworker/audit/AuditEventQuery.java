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
 * {@code page}, {@code size} and {@code afterSequence} apply to the JSON list only; a CSV export is the whole
 * selection. Deep pages use the keyset ({@code afterSequence}: events after that sequence), never a large OFFSET:
 * page numbers are accepted only while {@code page * size} stays within {@link #MAX_OFFSET}.
 */
public record AuditEventQuery(Instant from, Instant to, String ticketRef, UUID requestId, String actor, AuditType type,
        int page, int size, Long afterSequence) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 500;
    /** The deepest row a page number may reach; beyond it, {@code afterSequence} (the {@code next} link) pages. */
    public static final int MAX_OFFSET = 10_000;

    static final String COLUMNS = "e.sequence, e.occurred_at, e.actor, e.request_id, r.ticket_ref, e.target_id, e.type, "
            + "e.detail::text, e.hash";
    static final String FROM = " from audit_event e left join erasure_request r on r.id = e.request_id";

    public static AuditEventQuery parse(String from, String to, String ticketRef, String actor, String type,
            String page, String size) {
        return parse(from, to, ticketRef, actor, type, page, size, null);
    }

    public static AuditEventQuery parse(String from, String to, String ticketRef, String actor, String type,
            String page, String size, String afterSequence) {
        List<FieldError> errors = new ArrayList<>();
        AuditEventQuery query = new AuditEventQuery(
                QueryParameters.value("from", from, QueryParameters::instant, "an ISO-8601 instant", errors),
                QueryParameters.value("to", to, QueryParameters::instant, "an ISO-8601 instant", errors),
                QueryParameters.value("ticketRef", ticketRef, text -> text, "", errors),
                null,
                QueryParameters.value("actor", actor, text -> text, "", errors),
                QueryParameters.value("type", type, AuditType::valueOf, "one of " + Arrays.toString(AuditType.values()), errors),
                QueryParameters.bounded("page", page, 0, 0, Integer.MAX_VALUE, errors),
                QueryParameters.bounded("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors),
                QueryParameters.value("afterSequence", afterSequence, AuditEventQuery::sequence,
                        "a sequence number (0 or more)", errors));
        if ((long) query.page * query.size > MAX_OFFSET) {
            errors.add(new FieldError("page", "page * size must be at most " + MAX_OFFSET
                    + "; follow the next link (afterSequence) for deeper pages"));
        }
        if (query.afterSequence != null && query.page > 0) {
            errors.add(new FieldError("page", "cannot be combined with afterSequence"));
        }
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
        return new AuditEventQuery(null, null, null, requestId, null, null, 0, MAX_SIZE, null);
    }

    /** One page of a ticket's history: {@code afterSequence} null for the first. */
    public static AuditEventQuery ofTicket(UUID requestId, Long afterSequence, int size) {
        return new AuditEventQuery(null, null, null, requestId, null, null, 0, size, afterSequence);
    }

    /** The same selection, the page after the event with {@code sequence}. */
    public AuditEventQuery after(long sequence) {
        return new AuditEventQuery(from, to, ticketRef, requestId, actor, type, 0, size, sequence);
    }

    private static Long sequence(String text) {
        long value = Long.parseLong(text);
        if (value < 0) {
            throw new IllegalArgumentException("negative");
        }
        return value;
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
            // Resolved to the ticket's id first, so the (request_id, sequence) index answers it.
            conditions.add("e.request_id = (select x.id from erasure_request x where x.ticket_ref = ?)");
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
        if (afterSequence != null) {
            conditions.add(timeOrdered()
                    ? "(e.occurred_at, e.sequence) > ((select s.occurred_at from audit_event s where s.sequence = ?), ?)"
                    : "e.sequence > ?");
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
        for (Object value : new Object[] { ticketRef, requestId, actor, type == null ? null : type.name(),
            afterSequence }) {
            if (value != null) {
                values.add(value);
            }
        }
        if (afterSequence != null && timeOrdered()) {
            values.add(afterSequence);
        }
        return values;
    }

    /**
     * A time range is read in (occurredAt, sequence) order, an index range of (occurred_at, sequence), instead of
     * walking the whole trail in sequence order to find the range. Events get their time under the chain-head lock,
     * so the two orders agree unless replicas' clocks disagree.
     */
    boolean timeOrdered() {
        return from != null || to != null;
    }

    String orderBy() {
        return timeOrdered() ? " order by e.occurred_at, e.sequence" : " order by e.sequence";
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
