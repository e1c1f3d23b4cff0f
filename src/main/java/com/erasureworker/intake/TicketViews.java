package com.erasureworker.intake;

import com.erasureworker.api.ProblemException;
import com.erasureworker.audit.AuditEvent;
import com.erasureworker.controls.ProcessingPause;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.SubjectType;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TargetType;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads tickets, their targets and their history for the API; the read side of intake. */
@ApplicationScoped
public class TicketViews {

    /** Tickets that no longer owe anything: an overdue deadline no longer matters for them. */
    static final List<RequestState> SETTLED = List.of(RequestState.COMPLETED, RequestState.CANCELLED,
            RequestState.REJECTED);

    private final Clock clock;
    private final ProcessingPause pause;

    TicketViews(Clock clock, ProcessingPause pause) {
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * The ticket with its target counts per state and the first page of its targets: bounded whatever its size.
     * {@code targetsNext} is the path of the second page, when there is one.
     */
    @Transactional
    public TicketView ticket(UUID id) {
        ErasureRequest request = find(id);
        TicketTargets.Slice first = TicketTargets.page(id, null, 0, TargetPage.DEFAULT_SIZE);
        String next = first.more() ? "/api/v1/erasure-requests/" + id + "/targets?page=1&size=" + TargetPage.DEFAULT_SIZE
                : null;
        return view(request, endUserOf(request), first.items(), TicketTargets.counts(id), next);
    }

    /** One page of the ticket's targets, all or those in {@code state}; {@code next} is filled in by the caller. */
    @Transactional
    public TargetPage targets(UUID id, TargetState state, int page, int size) {
        find(id);
        TicketTargets.Slice slice = TicketTargets.page(id, state, page, size);
        return new TargetPage(slice.items(), page, size, slice.more() ? "" : null);
    }

    /**
     * Newest first: an index range on (receivedAt, id) from the keyset ({@code afterId}) or a small offset, one row
     * more than the page to know whether another follows, and a count that stops at {@link TicketPage#TOTAL_CAP}.
     */
    @Transactional
    public TicketPage list(TicketFilter filter) {
        Parameters parameters = new Parameters();
        String where = filter.where(parameters, Instant.now(clock));
        long total = ErasureRequest.find("select id from ErasureRequest where " + where, parameters)
                .range(0, TicketPage.TOTAL_CAP).list().size();
        if (filter.afterId() != null) {
            ErasureRequest after = ErasureRequest.findById(filter.afterId());
            if (after == null) {
                throw ProblemException.badRequest("Some query parameters have values that cannot be used.",
                        List.of(new com.erasureworker.api.Problem.FieldError("afterId", "must be a ticket's id")));
            }
            where += " and (receivedAt < :afterReceivedAt or (receivedAt = :afterReceivedAt and id < :afterId))";
            parameters.and("afterReceivedAt", after.receivedAt).and("afterId", after.id);
        }
        List<ErasureRequest> requests = ErasureRequest
                .<ErasureRequest>find(where, Sort.descending("receivedAt", "id"), parameters)
                .range((int) ((long) filter.page() * filter.size()), filter.page() * filter.size() + filter.size())
                .list();
        boolean more = requests.size() > filter.size();
        if (more) {
            requests = requests.subList(0, filter.size());
        }
        Map<UUID, UUID> endUsers = endUsersOf(requests);
        List<TicketView> items = requests.stream().map(r -> view(r, endUsers.get(r.id), null, null, null)).toList();
        String next = more ? requests.get(requests.size() - 1).id.toString() : null;
        return new TicketPage(items, filter.page(), filter.size(), Math.min(total, TicketPage.TOTAL_CAP),
                total <= TicketPage.TOTAL_CAP, next);
    }

    /** Every event of the ticket: for tests and small tickets; the API pages with {@link #history(UUID, Long, int)}. */
    @Transactional
    public List<HistoryEntry> history(UUID id) {
        find(id);
        return AuditEvent.ofRequest(id).stream().map(HistoryEntry::of).toList();
    }

    /** At most {@code size} events of the ticket's history after {@code afterSequence} (null: from the start). */
    @Transactional
    public List<HistoryEntry> history(UUID id, Long afterSequence, int size) {
        find(id);
        return AuditEvent.<AuditEvent>find("requestId = ?1 and sequence > ?2 order by sequence", id,
                afterSequence == null ? -1L : afterSequence).range(0, size - 1).list().stream().map(HistoryEntry::of)
                .toList();
    }

    private static ErasureRequest find(UUID id) {
        ErasureRequest request = ErasureRequest.findById(id);
        if (request == null) {
            throw ProblemException.notFound("No erasure request " + id);
        }
        return request;
    }

    private TicketView view(ErasureRequest r, UUID endUserId, List<TargetView> targets,
            Map<TargetState, Long> counts, String targetsNext) {
        boolean overdue = !SETTLED.contains(r.state) && r.dueAt.isBefore(Instant.now(clock));
        TicketView.SubjectView subject = new TicketView.SubjectView(r.subjectType.name(), r.subjectHash, endUserId);
        return new TicketView(r.id, r.ticketRef, r.state, r.outcome, r.source, subject, r.closePolicy, r.reason,
                r.requestedBy, r.receivedAt, r.dueAt, r.completedAt, overdue, r.decidedBy,
                !r.state.terminal() && pause.paused(), targets, counts, targetsNext);
    }

    /** END_USER tickets keep the user's id in their one USER target: the subject is shown from there. */
    private static UUID endUserOf(ErasureRequest request) {
        if (request.subjectType != SubjectType.END_USER) {
            return null;
        }
        return ErasureTarget.<ErasureTarget>find("requestId = ?1 and type = ?2", request.id, TargetType.USER)
                .firstResultOptional().map(t -> t.endUserId).orElse(null);
    }

    private static Map<UUID, UUID> endUsersOf(List<ErasureRequest> requests) {
        List<UUID> ids = requests.stream().filter(r -> r.subjectType == SubjectType.END_USER).map(r -> r.id).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return ErasureTarget.<ErasureTarget>list("requestId in ?1 and type = ?2", ids, TargetType.USER).stream()
                .collect(Collectors.toMap(t -> t.requestId, t -> t.endUserId, (first, second) -> first));
    }
}
