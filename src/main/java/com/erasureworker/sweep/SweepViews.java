package com.erasureworker.sweep;

import com.erasureworker.api.ProblemException;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.RequestState;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Reads sweep runs for the API; a real run's state, end and counts follow its ticket once it has one. */
@ApplicationScoped
public class SweepViews {

    private final EntityManager entityManager;
    private final SweepCandidates candidates;

    SweepViews(EntityManager entityManager, SweepCandidates candidates) {
        this.entityManager = entityManager;
        this.candidates = candidates;
    }

    @Transactional
    public SweepView run(UUID id) {
        return view(find(id));
    }

    @Transactional
    public SweepPage list(int page, int size) {
        var query = SweepRun.<SweepRun>findAll(Sort.descending("requestedAt").and("id")).page(Page.of(page, size));
        return new SweepPage(query.list().stream().map(this::view).toList(), page, size, query.count());
    }

    @Transactional
    public SweepConversationPage conversations(UUID id, int page, int size) {
        SweepRun run = find(id);
        return new SweepConversationPage(candidates.toErase(id, page, size), page, size, run.toErase());
    }

    /** A page of the conversations the run skipped under a legal hold, each with the hold's id. */
    public record HeldPage(List<SweepCandidates.HeldCandidate> items, int page, int size, long total) {
    }

    @Transactional
    public HeldPage held(UUID id, int page, int size) {
        SweepRun run = find(id);
        return new HeldPage(candidates.held(id, page, size), page, size, run.held);
    }

    /** A page of the conversations of the run's ticket whose targets ended REOPENED, in id order. */
    @Transactional
    public SweepConversationPage reopened(UUID id, int page, int size) {
        SweepRun run = find(id);
        if (run.ticketId == null) {
            return new SweepConversationPage(List.of(), page, size, 0);
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery("""
                select conversation_id from erasure_target where request_id = :ticket and state = 'REOPENED'
                order by conversation_id offset :offset limit :size""").setParameter("ticket", run.ticketId)
                .setParameter("offset", (long) page * size).setParameter("size", size).getResultList();
        long total = ((Number) entityManager.createNativeQuery("""
                select count(*) from erasure_target where request_id = :ticket and state = 'REOPENED'""")
                .setParameter("ticket", run.ticketId).getSingleResult()).longValue();
        return new SweepConversationPage(ids.stream().map(Number::longValue).toList(), page, size, total);
    }

    /** Throws 404 when there is no such run; used before streaming an export. */
    @Transactional
    void requireRun(UUID id) {
        find(id);
    }

    private static SweepRun find(UUID id) {
        SweepRun run = SweepRun.findById(id);
        if (run == null) {
            throw ProblemException.notFound("No sweep run " + id + ".");
        }
        return run;
    }

    private SweepView view(SweepRun run) {
        SweepState state = run.state;
        java.time.Instant finishedAt = run.finishedAt;
        String ticketRef = null;
        long completed = 0;
        long failed = 0;
        long reopened = 0;
        if (run.ticketId != null) {
            ErasureRequest ticket = ErasureRequest.findById(run.ticketId);
            ticketRef = ticket.ticketRef;
            if (state == SweepState.ERASING && ticket.state.terminal()) {
                // A rejected sweep ticket (four-eyes approval) ends the run as cancelled: nothing was erased.
                state = ticket.state == RequestState.REJECTED ? SweepState.CANCELLED
                        : SweepState.valueOf(ticket.state.name());
                finishedAt = ticket.completedAt;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> counts = entityManager.createNativeQuery("""
                    select count(*) filter (where state = 'DONE'), count(*) filter (where state = 'FAILED'),
                           count(*) filter (where state = 'REOPENED')
                    from erasure_target where request_id = :ticket""").setParameter("ticket", run.ticketId)
                    .getResultList();
            completed = ((Number) counts.get(0)[0]).longValue();
            failed = ((Number) counts.get(0)[1]).longValue();
            reopened = ((Number) counts.get(0)[2]).longValue();
        }
        return new SweepView(run.id, state, run.dryRun, run.triggeredBy, run.requestedAt, run.startedAt,
                run.enumeratedAt, finishedAt, run.cutoff, run.closedMoreThanDays,
                RetentionPolicy.splitChannels(run.channels), run.maxConversations, run.pages, run.found, run.skipped,
                run.held, run.toErase(), run.limitReached, run.enqueued, completed, failed, reopened, run.ticketId,
                ticketRef, run.attempts, run.lastError, run.sweptFrom, run.enumeratedUntil, run.searchCalls,
                run.pageSize);
    }
}
