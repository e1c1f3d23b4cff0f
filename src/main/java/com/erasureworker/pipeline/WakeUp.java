package com.erasureworker.pipeline;

import java.util.UUID;

/**
 * Something outside the pipeline that makes targets due now instead of at their next look, through
 * {@link ErasureLifecycle#wake}. Never a state change: the step looks again and the table decides. Which target states
 * each kind wakes is {@link TargetTransitions#woken}.
 */
public sealed interface WakeUp {

    /** A legal hold was released: its ON_HOLD targets look again (ON_HOLD --HoldLifted--> PENDING without another). */
    record HoldReleased(UUID holdId) implements WakeUp {
    }

    /** A ticket was approved: its targets kept their due time while waiting and are claimable from now on. */
    record TicketApproved(UUID requestId) implements WakeUp {
    }

    /**
     * Dixa reported a conversation closed: targets waiting for it look again now. A hint only: the step re-reads the
     * conversation at Dixa before acting. Each woken target is audited with the Dixa event's name.
     */
    record ConversationClosed(long conversationId, String dixaEvent) implements WakeUp {
    }
}
