package com.erasureworker.pipeline;

import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.erasureworker.erasure.TargetState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/**
 * The only writer of target state: saves what happened to a target in one transaction by applying
 * {@link TargetTransitions} to it through {@link TransitionEffects} — a step's outcome (fenced by its claim token: a
 * stale one is discarded, its Dixa calls still recorded), a status read, a crash, a DPO's retry or cancel — and the only
 * writer of due times and leases outside a transition: wake-ups ({@link #wake}), claims ({@link #lease},
 * {@link #renewLease}), a sweep's release ({@link #releaseHeld}). Locks are taken ticket first, then target,
 * then the audit chain head, so two writers do not deadlock; a save that cannot end its target does not lock the
 * ticket (should its target end after all, it locks the ticket late: a deadlock with a concurrent command is then
 * possible, and PostgreSQL aborts one of the two).
 */
@ApplicationScoped
public class ErasureLifecycle {

    private final AuditTrail audit;
    private final WorkerConfig config;
    private final Clock clock;
    private final TransitionEffects effects;
    private final CoveredConversations conversations;
    private final EntityManager entityManager;

    ErasureLifecycle(AuditTrail audit, WorkerConfig config, Clock clock, TransitionEffects effects,
            CoveredConversations conversations, EntityManager entityManager) {
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.effects = effects;
        this.conversations = conversations;
        this.entityManager = entityManager;
    }

    @Transactional
    Optional<Work> load(Lease lease) {
        ErasureTarget target = ErasureTarget.findById(lease.targetId());
        if (target == null || !lease.token().equals(target.claimToken)) {
            return Optional.empty();
        }
        return Optional.of(Work.of(target, ErasureRequest.findById(target.requestId),
                conversations.noted(target.id), conversations.closed(target.id)));
    }

    /**
     * Saves a step's outcome if its claim still holds the target; otherwise records its calls and that it was stale.
     * The ticket's row is locked only when the outcome may end the target (and so perhaps the ticket); the audit
     * events are appended last, so neither the ticket row nor the chain head is held through the whole save.
     */
    @Transactional
    void apply(Work work, UUID claimToken, StepOutcome outcome) {
        audit.appendingLast(() -> {
            save(work, claimToken, outcome);
            return null;
        });
    }

    private void save(Work work, UUID claimToken, StepOutcome outcome) {
        ErasureRequest request = mayEnd(work.state(), outcome.result())
                ? ErasureRequest.findById(work.requestId(), LockModeType.PESSIMISTIC_WRITE)
                : ErasureRequest.findById(work.requestId());
        ErasureTarget target = ErasureTarget.findById(work.targetId(), LockModeType.PESSIMISTIC_WRITE);
        audit.recordCalls(outcome.calls(), work.requestId(), work.targetId());
        Instant now = Instant.now(clock);
        // Facts about Dixa are true whoever made the calls: a note posted by a stale claim is still posted.
        conversations.learn(target.id, outcome, now);
        if (!claimToken.equals(target.claimToken)) {
            audit.record(AuditType.STALE_RESULT_DISCARDED, AuditTrail.SYSTEM, work.requestId(), work.targetId(),
                    Map.of("result", outcome.result().kind(), "state", target.state.name()));
            return;
        }
        for (StepOutcome.Event event : outcome.events()) {
            audit.record(event.type(), AuditTrail.SYSTEM, work.requestId(), work.targetId(), event.detail());
        }
        transition(request, target, outcome.result(), outcome.progress(now), now);
        release(target);
    }

    /**
     * Whether a result may end a target in this state (on its last attempt, for a failure): such a save locks the
     * ticket's row first, as commands do, because the last target to end completes the ticket. Any other save leaves
     * the row unlocked; {@link #transition} still locks it should the target's actual state differ from the snapshot.
     */
    private static boolean mayEnd(TargetState state, StepResult result) {
        return TargetTransitions.next(state, null, result, true).effects()
                .contains(TargetTransitions.Effect.END_TICKET_IF_DONE);
    }

    /**
     * A step that crashed, or whose save failed (the database went away after the Dixa calls): its calls are recorded
     * and it counts as an attempt; the facts learned from Dixa are found again there (notes carry a marker).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void crashed(UUID targetId, UUID claimToken, List<DixaCall> calls, Exception error) {
        ErasureTarget probe = ErasureTarget.findById(targetId);
        if (probe == null) {
            return;
        }
        ErasureRequest request = ErasureRequest.findById(probe.requestId, LockModeType.PESSIMISTIC_WRITE);
        ErasureTarget target = ErasureTarget.findById(targetId, LockModeType.PESSIMISTIC_WRITE);
        audit.recordCalls(calls, target.requestId, target.id);
        if (claimToken.equals(target.claimToken)) {
            transition(request, target, new StepResult.Crashed(error.getClass().getSimpleName()),
                    StepOutcome.CloseProgress.NONE, Instant.now(clock));
            release(target);
        }
    }

    /**
     * A status read of Dixa's request, for the target that leads it and every target following it. Processed and
     * still-queued answers end no target, so their saves leave the ticket rows unlocked (see {@link #apply}).
     */
    @Transactional
    boolean applyStatus(UUID targetId, List<DixaCall> calls, StepResult result) {
        return audit.appendingLast(() -> saveStatus(targetId, calls, result));
    }

    private boolean saveStatus(UUID targetId, List<DixaCall> calls, StepResult result) {
        ErasureTarget probe = ErasureTarget.findById(targetId);
        boolean mayEnd = mayEnd(TargetState.AWAITING_DIXA, result);
        ErasureRequest request = mayEnd ? ErasureRequest.findById(probe.requestId, LockModeType.PESSIMISTIC_WRITE)
                : ErasureRequest.findById(probe.requestId);
        ErasureTarget target = ErasureTarget.findById(targetId, LockModeType.PESSIMISTIC_WRITE);
        audit.recordCalls(calls, target.requestId, target.id);
        if (target.state != TargetState.AWAITING_DIXA) {
            return true;
        }
        Instant now = Instant.now(clock);
        transition(request, target, result, StepOutcome.CloseProgress.NONE, now);
        // Followers share what Dixa did with the request (processed, or stuck); a failed read is the leader's own.
        if (result instanceof StepResult.Processed || result instanceof StepResult.Stuck
                || result instanceof StepResult.AlreadyAnonymized) {
            for (ErasureTarget follower : ErasureTarget.<ErasureTarget>list(
                    "followsTargetId = ?1 and state = ?2", target.id, TargetState.AWAITING_DIXA)) {
                ErasureRequest followerTicket = mayEnd
                        ? ErasureRequest.findById(follower.requestId, LockModeType.PESSIMISTIC_WRITE)
                        : ErasureRequest.findById(follower.requestId);
                transition(followerTicket, follower, result, StepOutcome.CloseProgress.NONE, now);
            }
        }
        return target.state != TargetState.AWAITING_DIXA;
    }

    /** A command on a target whose ticket row the caller has locked (retry, cancel). */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean command(ErasureRequest request, ErasureTarget target, StepResult command) {
        TargetState before = target.state;
        transition(request, target, command, StepOutcome.CloseProgress.NONE, Instant.now(clock));
        release(target);
        return target.state != before;
    }

    /**
     * Releases up to {@code batch} HELD targets of a ticket to the pipeline, in one transaction; answers how many, so
     * the caller repeats until none is left (restartable: only HELD rows move). A set-based update rather than a loaded
     * entity per row, since a sweep ticket may hold 100,000 targets; it carries out exactly the table's HELD --Release-->
     * transition (its only effect, SCHEDULE, is "due now"). One audit event for the whole release is the sweep's own.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int releaseHeld(UUID requestId, int batch) {
        TargetTransitions.Transition release = TargetTransitions.next(TargetState.HELD, null,
                new StepResult.Release(), false);
        if (!release.effects().equals(Set.of(TargetTransitions.Effect.SCHEDULE))) {
            throw new IllegalStateException("HELD --Release--> has effects the bulk release does not carry out");
        }
        Instant now = Instant.now(clock);
        return entityManager.createNativeQuery("""
                update erasure_target set state = :to, next_attempt_at = :now, updated_at = :now
                where id in (select id from erasure_target where request_id = :ticket and state = :held
                             limit :batch for update skip locked)""")
                .setParameter("to", release.to().name()).setParameter("now", now)
                .setParameter("ticket", requestId).setParameter("held", TargetState.HELD.name())
                .setParameter("batch", batch).executeUpdate();
    }

    /**
     * Makes the targets a {@link WakeUp} names due now instead of at their next look (the one way anything outside
     * the pipeline moves a due time; no state changes, the step looks again and the table decides). Which states are
     * woken is the table's ({@link TargetTransitions#woken}); a target already due is left as it is. A Dixa event's
     * wake-up is audited per target. Answers how many targets were made due.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public int wake(WakeUp wakeUp) {
        String which;
        Object key;
        if (wakeUp instanceof WakeUp.HoldReleased released) {
            which = "hold_id = :key";
            key = released.holdId();
        } else if (wakeUp instanceof WakeUp.TicketApproved approved) {
            which = "request_id = :key";
            key = approved.requestId();
        } else {
            which = "(conversation_id = :key or id in (select target_id from erasure_target_conversation "
                    + "where conversation_id = :key))";
            key = ((WakeUp.ConversationClosed) wakeUp).conversationId();
        }
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<Object[]> woken = entityManager.createNativeQuery("update erasure_target set next_attempt_at = :now "
                + "where state in (:states) and next_attempt_at > :now and " + which + " returning id, request_id")
                .setParameter("now", now).setParameter("key", key)
                .setParameter("states", TargetTransitions.woken(wakeUp).stream().map(Enum::name).toList())
                .getResultList();
        if (wakeUp instanceof WakeUp.ConversationClosed closed) {
            for (Object[] row : woken) {
                audit.record(AuditType.DIXA_EVENT_RECEIVED, AuditTrail.SYSTEM, (UUID) row[1], (UUID) row[0],
                        Map.of("event", closed.dixaEvent(), "conversationId", closed.conversationId(),
                                "effect", "due now"));
            }
        }
        return woken.size();
    }

    /**
     * Gives a due target (picked by {@link TargetClaims} under its row lock) a new claim: its own token and a lease
     * until {@code until}. The token fences every later save of the claim.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    UUID lease(UUID targetId, String owner, Instant until) {
        UUID token = UUID.randomUUID();
        entityManager.createNativeQuery(
                "update erasure_target set lease_owner = :owner, claim_token = :token, lease_until = :until where id = :id")
                .setParameter("owner", owner).setParameter("token", token).setParameter("until", until)
                .setParameter("id", targetId).executeUpdate();
        return token;
    }

    /**
     * Extends a claim's lease, and with {@code markRequested} marks that Dixa is about to be asked to anonymize (from
     * then on the ticket cannot be cancelled); false when the claim no longer holds the target.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean renewLease(UUID targetId, UUID token, Instant until, boolean markRequested) {
        return entityManager.createNativeQuery("""
                update erasure_target set lease_until = :until,
                       anonymize_requested_at = case when :mark then coalesce(anonymize_requested_at, :now)
                                                     else anonymize_requested_at end
                where id = :id and claim_token = :token and state not in ('DONE', 'FAILED', 'CANCELLED', 'REOPENED')
                """).setParameter("until", until).setParameter("mark", markRequested)
                .setParameter("now", Instant.now(clock)).setParameter("id", targetId).setParameter("token", token)
                .executeUpdate() == 1;
    }

    /**
     * Gives a claim back on shutdown, so another replica may claim the target at once instead of after the lease runs
     * out. The claim token goes too: the stopping worker's late save, crash record or heartbeat no longer matches
     * (fenced, as when a lease runs out). Only the claim it names: a target already claimed anew is left alone. A
     * step that had got as far as the anonymize mark may have a call at Dixa whose answer nobody will read: the target
     * is then unconfirmed for {@code WORKER_ANSWER_WAIT}, so the next claim reads before it asks again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean handBack(UUID targetId, UUID token) {
        return entityManager.createNativeQuery("""
                update erasure_target set lease_until = null, lease_owner = null, claim_token = null,
                       unconfirmed_until = case
                           when state in ('PENDING', 'WAITING_FOR_CLOSE') and anonymize_requested_at is not null
                                and dixa_request_id is null then greatest(coalesce(unconfirmed_until, :until), :until)
                           else unconfirmed_until end
                where id = :id and claim_token = :token
                """).setParameter("id", targetId).setParameter("token", token)
                .setParameter("until", Instant.now(clock).plus(config.answerWait())).executeUpdate() == 1;
    }

    private void transition(ErasureRequest request, ErasureTarget target, StepResult result,
            StepOutcome.CloseProgress progress, Instant now) {
        boolean lastAttempt = target.attempts + 1 >= config.maxAttempts();
        TargetTransitions.Transition transition = TargetTransitions.next(target.state, target.failedStep, result,
                lastAttempt);
        if (!transition.ignored()) {
            effects.apply(request, target, transition, result, progress, now);
        }
    }

    private static void release(ErasureTarget target) {
        target.leaseOwner = null;
        target.leaseUntil = null;
        target.claimToken = null;
    }

    static AnonymizationRequestStatus statusOf(StepResult result) {
        if (result instanceof StepResult.Requested requested) {
            return requested.status();
        }
        if (result instanceof StepResult.Processed processed) {
            return processed.status();
        }
        return result instanceof StepResult.StillQueued queued ? queued.status() : null;
    }
}
