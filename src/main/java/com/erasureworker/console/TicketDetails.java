package com.erasureworker.console;

import io.quarkus.qute.TemplateData;
import com.erasureworker.api.ProblemException;
import com.erasureworker.audit.AuditEvent;
import com.erasureworker.erasure.AnonymizationObservation;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.evidence.CapturedEvidence;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads one ticket for its console page: the ticket, its targets one page at a time (a sweep ticket has 100,000),
 * counts by target state, whether its certificate can be issued, and a target's timeline. Read-only.
 */
@ApplicationScoped
public class TicketDetails {

    static final int TARGET_PAGE_SIZE = 50;

    private final EntityManager entityManager;

    TicketDetails(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The ticket and the page's figures; {@code page} from 0. */
    @TemplateData
    public record TicketPageData(ErasureRequest ticket, boolean overdue, long daysLeft, Map<String, Long> targetCounts,
            long targetTotal, List<ErasureTarget> targets, int page, int pages, boolean evidenceCaptured) {

        /** Whether the page should keep asking for news: until the ticket ends and, when completed, has its evidence. */
        public boolean live() {
            return !ticket.state.terminal() || ticket.state == RequestState.COMPLETED && !evidenceCaptured;
        }

        public boolean canRetry() {
            return ticket.state == RequestState.FAILED;
        }

        public boolean canCancel() {
            return !ticket.state.terminal();
        }

        public boolean canExtend() {
            return ticket.state != RequestState.COMPLETED && ticket.state != RequestState.CANCELLED;
        }

        public boolean certificateReady() {
            return ticket.state == RequestState.COMPLETED && evidenceCaptured;
        }
    }

    /** A target with what Dixa reported about it and every audit event about it, in order. */
    @TemplateData
    public record Timeline(ErasureRequest ticket, ErasureTarget target, List<AnonymizationObservation> observations,
            List<AuditEvent> events) {
    }

    @Transactional
    public TicketPageData ticket(UUID id, int page) {
        ErasureRequest ticket = find(id);
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        List<Object[]> rows = entityManager.createQuery("select t.state, count(t) from ErasureTarget t "
                + "where t.requestId = :id group by t.state order by t.state", Object[].class)
                .setParameter("id", id).getResultList();
        for (Object[] row : rows) {
            counts.put(String.valueOf(row[0]), (Long) row[1]);
            total += (Long) row[1];
        }
        int pages = (int) Math.max(1, (total + TARGET_PAGE_SIZE - 1) / TARGET_PAGE_SIZE);
        int current = Math.min(Math.max(0, page), pages - 1);
        List<ErasureTarget> targets = ErasureTarget.<ErasureTarget>find("requestId", Sort.by("createdAt", "id"), id)
                .page(current, TARGET_PAGE_SIZE).list();
        Instant now = Instant.now();
        boolean settled = ticket.state == RequestState.COMPLETED || ticket.state == RequestState.CANCELLED;
        boolean captured = ticket.state == RequestState.COMPLETED && CapturedEvidence.findById(id) != null;
        return new TicketPageData(ticket, !settled && ticket.dueAt.isBefore(now), ConsoleFormats.daysLeft(ticket.dueAt),
                counts, total, targets, current, pages, captured);
    }

    @Transactional
    public Timeline timeline(UUID targetId) {
        ErasureTarget target = ErasureTarget.findById(targetId);
        if (target == null) {
            throw ProblemException.notFound("No target " + targetId);
        }
        List<AnonymizationObservation> observations = AnonymizationObservation
                .<AnonymizationObservation>find("targetId", Sort.by("id"), targetId).list();
        List<AuditEvent> events = AuditEvent.<AuditEvent>find("requestId = ?1 and targetId = ?2",
                Sort.by("sequence"), target.requestId, targetId).list();
        return new Timeline(find(target.requestId), target, observations, events);
    }

    static ErasureRequest find(UUID id) {
        ErasureRequest ticket = ErasureRequest.findById(id);
        if (ticket == null) {
            throw ProblemException.notFound("No erasure request " + id);
        }
        return ticket;
    }
}
