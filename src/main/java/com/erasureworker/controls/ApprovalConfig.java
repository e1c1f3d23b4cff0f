package com.erasureworker.controls;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.erasure.RequestState;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Four-eyes approval: which new tickets start AWAITING_APPROVAL instead of IN_PROGRESS ({@code APPROVAL_REQUIRED},
 * {@code APPROVAL_REQUIRED_FOR_SWEEPS}). The approval itself is {@code pipeline.TicketApproval}.
 */
@ConfigMapping(prefix = "approval")
public interface ApprovalConfig {

    enum Required {
        /** No ticket waits for a second person. */
        none,
        /** Tickets whose close policy may force-close an open conversation (WAIT_THEN_FORCE, FORCE_NOW). */
        force,
        /** Every DPO ticket. */
        all
    }

    @WithDefault("none")
    Required required();

    /** Real retention sweep runs wait for approval before their ticket is worked. */
    @WithDefault("false")
    boolean requiredForSweeps();

    /** The state a new DPO ticket starts in. */
    default RequestState initialState(ClosePolicy policy) {
        boolean needed = switch (required()) {
            case none -> false;
            case force -> policy.mayForce();
            case all -> true;
        };
        return needed ? RequestState.AWAITING_APPROVAL : RequestState.IN_PROGRESS;
    }

    /** The state a real sweep run's ticket starts in. */
    default RequestState initialSweepState() {
        return requiredForSweeps() ? RequestState.AWAITING_APPROVAL : RequestState.IN_PROGRESS;
    }
}
