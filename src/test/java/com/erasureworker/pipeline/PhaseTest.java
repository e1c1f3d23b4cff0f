package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-over between the anonymize step's phases: a stop ends the sequence, a hand-over runs the next phase. */
class PhaseTest {

    private static StepOutcome outcome(StepResult result) {
        return new StepOutcome(result, List.of(), List.of(), null, Map.of(), Map.of(), null);
    }

    @Test
    void aStopSkipsEveryLaterPhaseAndIsTheStepsOutcome() {
        List<String> ran = new ArrayList<>();
        StepOutcome held = outcome(new StepResult.Paused());

        StepOutcome result = new Phase.Stop(held)
                .then(next -> { ran.add("overlap"); return next; })
                .then(next -> { ran.add("mark"); return next; })
                .outcome();

        assertThat(result).isSameAs(held);
        assertThat(ran).isEmpty();
    }

    @Test
    void aHandOverRunsTheNextPhaseWithWhatWasFoundOpen() {
        List<List<Long>> seen = new ArrayList<>();
        StepOutcome done = outcome(new StepResult.Transient("asked again later", null, true));

        StepOutcome result = new Phase.Next(List.of(7L))
                .then(next -> { seen.add(next.open()); return new Phase.Next(List.of(7L, 8L)); })
                .then(next -> { seen.add(next.open()); return new Phase.Stop(done); })
                .outcome();

        assertThat(result).isSameAs(done);
        assertThat(seen).containsExactly(List.of(7L), List.of(7L, 8L));
    }

    @Test
    void aSequenceWhoseLastPhaseHandsOverIsABug() {
        assertThatThrownBy(() -> new Phase.Next(List.of()).outcome()).isInstanceOf(IllegalStateException.class);
    }
}
