package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.TargetState;
import com.erasureworker.erasure.TicketConflictException;
import com.erasureworker.webhook.Outbox;
import com.erasureworker.webhook.TicketEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only writer of ticket state ({@code state}, {@code outcome}, {@code completedAt}, {@code decidedBy/At},
 * {@code lastError} of {@code erasure_request}): applies {@link TicketTransitions} to a ticket, effects included (its
 * targets through {@link ErasureLifecycle}, its audit events, its webhook events), in the caller's transaction. The
 * caller holds the ticket's row lock (a new ticket's row is written here), so two targets ending at once cannot both
 * miss the end. Guards that are not about state (four eyes, "Dixa was already asked") stay with the callers.
 */
@ApplicationScoped
public class TicketLifecycle {

    /** The states {@link TargetState#terminal()} does not end: a ticket with a target in one is still running. */
    private static final Set<TargetState> OPEN = EnumSet.copyOf(
            java.util.Arrays.stream(TargetState.values()).filter(state -> !state.terminal()).toList());

    private final AuditTrail audit;
    private final Outbox outbox;
    private final TicketEvents events;
    private final ErasureLifecycle targets;
    private final Clock clock;

    TicketLifecycle(AuditTrail audit, Outbox outbox, TicketEvents events, ErasureLifecycle targets, Clock clock) {
        this.audit = audit;
        this.outbox = outbox;
        this.events = events;
        this.targets = targets;
        this.clock = clock;
    }

    /**
     * Records a new ticket (its row, flushed now so a duplicate ticket reference fails here) in the state the table
     * gives it, with its TICKET_RECEIVED (and APPROVAL_REQUESTED) audit events. Its targets are the caller's to write.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receive(ErasureRequest request, TicketEvent.Received received) {
        if (request.state != null) {
            throw new IllegalStateException("ticket " + request.id + " is already recorded");
        }
        apply(request, received);
    }

    /** A looked-up subject with nothing to erase: the ticket ends as COMPLETED / NO_DATA_FOUND, with its webhook. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void noDataFound(ErasureRequest request) {
        apply(request, new TicketEvent.NoDataFound());
    }

    /** Throws the 409 a command gets in this state, before any other check of the caller. */
    static void requireAllowed(ErasureRequest request, TicketEvent event) {
        if (TicketTransitions.next(request.state, event).refused()) {
            throw new TicketConflictException("state", TicketTransitions.refusal(request.state, event));
        }
    }

    /** A person's command (approve, reject, cancel, retry) on a ticket whose row the caller has locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    ErasureRequest command(ErasureRequest request, TicketEvent event) {
        requireAllowed(request, event);
        apply(request, event);
        return request;
    }

    /** A target of the ticket ended: when it was the last open one, the ticket ends (COMPLETED or FAILED). */
    @Transactional(Transactional.TxType.MANDATORY)
    void targetEnded(ErasureRequest request) {
        if (request.state != RequestState.IN_PROGRESS) {
            return;
        }
        // Asked as "is one still open?" (stops at the first, through erasure_target_request_state_idx): a sweep ticket
        // can have 100,000 targets, this runs under the ticket's row lock each time one of them ends, and counting
        // every target that is not terminal read them all.
        if (!ErasureTarget.getEntityManager().createQuery("select t.id from ErasureTarget t where t.requestId = ?1 "
                + "and t.state in ?2").setParameter(1, request.id).setParameter(2, OPEN).setMaxResults(1)
                .getResultList().isEmpty()) {
            return;
        }
        long all = ErasureTarget.count("requestId", request.id);
        long failed = ErasureTarget.count("requestId = ?1 and state = ?2", request.id, TargetState.FAILED);
        apply(request, failed == 0 ? new TicketEvent.AllDone(all) : new TicketEvent.SomeFailed(all, failed,
                ErasureTarget.<ErasureTarget>find("requestId = ?1 and state = ?2 order by updatedAt", request.id,
                        TargetState.FAILED).firstResult().lastError));
    }

    private void apply(ErasureRequest request, TicketEvent event) {
        TicketTransitions.Transition transition = TicketTransitions.next(request.state, event);
        if (transition.refused()) {
            throw new IllegalStateException(TicketTransitions.refusal(request.state, event));
        }
        Instant now = Instant.now(clock);
        boolean recorded = request.state != null;
        request.state = transition.to();
        if (!recorded) {
            request.persist();
            ErasureRequest.flush();
        }
        int touched = 0;
        for (TicketTransitions.Effect effect : transition.effects()) {
            if (effect instanceof TicketTransitions.Effect.Write write) {
                touched += write(request, write, event, now);
            } else if (effect instanceof TicketTransitions.Effect.Audit record) {
                audit.record(record.type(), actor(event), request.id, null, detail(record.type(), event, request,
                        touched));
            } else if (effect instanceof TicketTransitions.Effect.Publish publish) {
                outbox.publish(publish.type(), request.source, events.ended(request, targets(event), failed(event)));
            }
        }
    }

    /** @return how many targets the write touched (cancelled, resumed), for the audit detail */
    private int write(ErasureRequest request, TicketTransitions.Effect.Write write, TicketEvent event, Instant now) {
        switch (write) {
            case CANCEL_TARGETS -> {
                List<ErasureTarget> all = ErasureTarget.find("requestId", request.id)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list();
                all.forEach(target -> targets.command(request, target, new StepResult.Cancel()));
                return all.size();
            }
            case RETRY_TARGETS -> {
                List<ErasureTarget> failed = ErasureTarget.list("requestId = ?1 and state = ?2", request.id,
                        TargetState.FAILED);
                failed.forEach(target -> targets.command(request, target, new StepResult.Retry()));
                return failed.size();
            }
            case WAKE_TARGETS -> targets.wake(new WakeUp.TicketApproved(request.id));
            case RECORD_OUTCOME -> {
                TicketTransitions.Outcome outcome = TicketTransitions.outcome(event);
                request.outcome = outcome.outcome();
                request.lastError = outcome.lastError();
                request.completedAt = now;
            }
            case RECORD_DECISION -> {
                request.decidedBy = actor(event);
                request.decidedAt = now;
            }
            case REOPEN -> {
                request.outcome = null;
                request.completedAt = null;
            }
        }
        return 0;
    }

    private static String actor(TicketEvent event) {
        if (event instanceof TicketEvent.Received received) {
            return received.actor();
        }
        if (event instanceof TicketEvent.Approve approve) {
            return approve.actor();
        }
        if (event instanceof TicketEvent.Reject reject) {
            return reject.actor();
        }
        if (event instanceof TicketEvent.Cancel cancel) {
            return cancel.actor();
        }
        return event instanceof TicketEvent.Retry retry ? retry.actor() : AuditTrail.SYSTEM;
    }

    private static Map<String, Object> detail(AuditType type, TicketEvent event, ErasureRequest request, int touched) {
        Map<String, Object> detail = new LinkedHashMap<>();
        switch (type) {
            case TICKET_RECEIVED -> detail.putAll(((TicketEvent.Received) event).detail());
            case APPROVAL_REQUESTED -> detail.put("submittedBy", request.requestedBy);
            case TICKET_APPROVED -> {
                detail.put("submittedBy", request.requestedBy);
                detail.put("approvedBy", actor(event));
            }
            case TICKET_REJECTED -> {
                detail.put("submittedBy", request.requestedBy);
                detail.put("rejectedBy", actor(event));
                detail.put("reasonHash", ((TicketEvent.Reject) event).reasonHash());
                detail.put("targets", touched);
            }
            case TICKET_CANCELLED -> detail.put("targets", touched);
            case TICKET_RETRIED -> detail.put("targetsResumed", touched);
            case TICKET_COMPLETED -> {
                detail.put("targets", targets(event));
                detail.put("outcome", request.outcome);
            }
            case TICKET_FAILED -> {
                detail.put("targets", targets(event));
                detail.put("failed", failed(event));
            }
            default -> throw new IllegalStateException("no audit detail for " + type);
        }
        return detail;
    }

    private static long targets(TicketEvent event) {
        if (event instanceof TicketEvent.AllDone done) {
            return done.targets();
        }
        return event instanceof TicketEvent.SomeFailed failed ? failed.targets() : 0;
    }

    private static long failed(TicketEvent event) {
        return event instanceof TicketEvent.SomeFailed failed ? failed.failed() : 0;
    }
}
