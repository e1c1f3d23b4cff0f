package com.erasureworker.intake;

import com.erasureworker.api.QueryParameters;
import com.erasureworker.api.Problem.FieldError;
import com.erasureworker.api.ProblemException;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.Source;
import io.quarkus.panache.common.Parameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The list's query parameters, read as text and parsed here so that a bad value is a 400 naming the parameter
 * (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
public record TicketFilter(RequestState state, String ticketRef, Source source, Instant receivedFrom,
        Instant receivedTo, Boolean overdue, Boolean atRisk, Instant dueBefore, int page, int size,
        java.util.UUID afterId) {

    /** At risk: not settled and due within this long (not yet overdue). */
    static final java.time.Duration AT_RISK_WINDOW = java.time.Duration.ofDays(3);

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    /** The deepest row a page number may reach; beyond it, {@code afterId} (the {@code next} link) pages. */
    static final int MAX_OFFSET = 10_000;

    public static TicketFilter parse(String state, String ticketRef, String source, String receivedFrom, String receivedTo,
            String overdue, String atRisk, String dueBefore, String page, String size) {
        return parse(state, ticketRef, source, receivedFrom, receivedTo, overdue, atRisk, dueBefore, page, size, null);
    }

    static TicketFilter parse(String state, String ticketRef, String source, String receivedFrom, String receivedTo,
            String overdue, String atRisk, String dueBefore, String page, String size, String afterId) {
        List<FieldError> errors = new ArrayList<>();
        TicketFilter filter = new TicketFilter(
                QueryParameters.value("state", state, RequestState::valueOf, "one of " + Arrays.toString(RequestState.values()), errors),
                blankToNull(ticketRef),
                QueryParameters.value("source", source, Source::valueOf, "one of " + Arrays.toString(Source.values()), errors),
                QueryParameters.value("receivedFrom", receivedFrom, QueryParameters::instant, "an ISO-8601 instant", errors),
                QueryParameters.value("receivedTo", receivedTo, QueryParameters::instant, "an ISO-8601 instant", errors),
                QueryParameters.value("overdue", overdue, QueryParameters::bool, "true or false", errors),
                QueryParameters.value("atRisk", atRisk, QueryParameters::bool, "true or false", errors),
                QueryParameters.value("dueBefore", dueBefore, QueryParameters::instant, "an ISO-8601 instant", errors),
                QueryParameters.bounded("page", page, 0, 0, Integer.MAX_VALUE, errors),
                QueryParameters.bounded("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors),
                QueryParameters.value("afterId", afterId, java.util.UUID::fromString, "a ticket id (UUID)", errors));
        if ((long) filter.page * filter.size > MAX_OFFSET) {
            errors.add(new FieldError("page", "page * size must be at most " + MAX_OFFSET
                    + "; follow the next link (afterId) for deeper pages"));
        }
        if (filter.afterId != null && filter.page > 0) {
            errors.add(new FieldError("page", "cannot be combined with afterId"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some query parameters have values that cannot be used.", errors);
        }
        return filter;
    }

    /** The HQL condition, with its parameters added to {@code parameters}. */
    String where(Parameters parameters, Instant now) {
        List<String> conditions = new ArrayList<>();
        add(conditions, parameters, state, "state = :state", "state");
        add(conditions, parameters, ticketRef, "ticketRef = :ticketRef", "ticketRef");
        add(conditions, parameters, source, "source = :source", "source");
        add(conditions, parameters, receivedFrom, "receivedAt >= :receivedFrom", "receivedFrom");
        add(conditions, parameters, receivedTo, "receivedAt < :receivedTo", "receivedTo");
        add(conditions, parameters, dueBefore, "dueAt < :dueBefore", "dueBefore");
        if (overdue != null) {
            String pastDue = "(dueAt < :now and state not in (:settled))";
            conditions.add(overdue ? pastDue : "not " + pastDue);
            parameters.and("now", now).and("settled", TicketViews.SETTLED);
        }
        if (atRisk != null) {
            String dueSoon = "(dueAt >= :now and dueAt < :riskLimit and state not in (:settled))";
            conditions.add(atRisk ? dueSoon : "not " + dueSoon);
            parameters.and("now", now).and("riskLimit", now.plus(AT_RISK_WINDOW)).and("settled", TicketViews.SETTLED);
        }
        return conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
    }

    private static void add(List<String> conditions, Parameters parameters, Object value, String condition,
            String name) {
        if (value != null) {
            conditions.add(condition);
            parameters.and(name, value);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
