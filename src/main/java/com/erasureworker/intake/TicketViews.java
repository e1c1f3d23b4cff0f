package com.erasureworker.intake;

import com.erasureworker.api.ProblemException;
import com.erasureworker.audit.AuditEvent;
import com.erasureworker.controls.ProcessingPause;
import com.erasureworker.erasure.CoveredConversation;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.SubjectType;
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

    @Transactional
    public TicketView ticket(UUID id) {
        ErasureRequest request = find(id);
        List<ErasureTarget> targets = request.targets();
        List<TargetView> targetViews = targets.stream().map(TicketViews::target).toList();
        return view(request, endUserOf(request, targets), targetViews);
    }

    @Transactional
    public TicketPage list(TicketFilter filter) {
        Parameters parameters = new Parameters();
        String where = filter.where(parameters, Instant.now(clock));
        long total = ErasureRequest.count(where, parameters);
        List<ErasureRequest> requests = ErasureRequest
                .<ErasureRequest>find(where, Sort.descending("receivedAt", "id"), parameters)
                .page(filter.page(), filter.size()).list();
        Map<UUID, UUID> endUsers = endUsersOf(requests);
        List<TicketView> items = requests.stream().map(r -> view(r, endUsers.get(r.id), null)).toList();
        return new TicketPage(items, filter.page(), filter.size(), total);
    }

    @Transactional
    public List<HistoryEntry> history(UUID id) {
        find(id);
        return AuditEvent.ofRequest(id).stream().map(HistoryEntry::of).toList();
    }

    private static ErasureRequest find(UUID id) {
        ErasureRequest request = ErasureRequest.findById(id);
        if (request == null) {
            throw ProblemException.notFound("No erasure request " + id);
        }
        return request;
    }

    private TicketView view(ErasureRequest r, UUID endUserId, List<TargetView> targets) {
        boolean overdue = !SETTLED.contains(r.state) && r.dueAt.isBefore(Instant.now(clock));
        TicketView.SubjectView subject = new TicketView.SubjectView(r.subjectType.name(), r.subjectHash, endUserId);
        return new TicketView(r.id, r.ticketRef, r.state, r.outcome, r.source, subject, r.closePolicy, r.reason,
                r.requestedBy, r.receivedAt, r.dueAt, r.completedAt, overdue, r.decidedBy,
                !r.state.terminal() && pause.paused(), targets);
    }

    private static TargetView target(ErasureTarget t) {
        List<Long> covered = t.type != TargetType.USER ? null
                : CoveredConversation.of(t.id).stream().map(c -> c.conversationId).toList();
        return new TargetView(t.id, t.type, t.dixaId, t.state, t.dixaRequestId, t.initiatedAt, t.processedAt,
                t.verification, t.attempts, t.lastError, t.nextAttemptAt, t.waitingReason, t.graceUntil, t.holdId, covered);
    }

    /** END_USER tickets keep the user's id in their one USER target: the subject is shown from there. */
    private static UUID endUserOf(ErasureRequest request, List<ErasureTarget> targets) {
        if (request.subjectType != SubjectType.END_USER) {
            return null;
        }
        return targets.stream().filter(t -> t.type == TargetType.USER).map(t -> t.endUserId).findFirst().orElse(null);
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
