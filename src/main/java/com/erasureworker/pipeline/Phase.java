package com.erasureworker.pipeline;

import java.util.List;
import java.util.function.Function;

/**
 * What one phase of the {@link AnonymizeStep} returns: the step's outcome ({@link Stop}, no later phase runs), or the
 * hand-over to the next phase ({@link Next}).
 */
sealed interface Phase {

    /** The step ends here with this outcome. */
    record Stop(StepOutcome outcome) implements Phase {
    }

    /**
     * The next phase runs. {@code open}: the conversations known so far to be open (neither closed nor anonymized);
     * empty while none is known, as for a conversation target before Dixa answered its anonymize call.
     * {@code readFirst}: another target already had this conversation anonymized, so it is read before anyone asks.
     */
    record Next(List<Long> open, boolean readFirst) implements Phase {

        public Next {
            open = List.copyOf(open);
        }

        Next(List<Long> open) {
            this(open, false);
        }
    }

    /** Runs {@code phase} on a hand-over; a stop passes through unchanged. */
    default Phase then(Function<Next, Phase> phase) {
        return this instanceof Next next ? phase.apply(next) : this;
    }

    /** The step's outcome, once the last phase has run. */
    default StepOutcome outcome() {
        if (this instanceof Stop stop) {
            return stop.outcome();
        }
        throw new IllegalStateException("the last phase handed over instead of ending the step");
    }
}
