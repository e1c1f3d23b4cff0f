package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The close policy's decision for open conversations, as a pure function of the policy, the grace end and the time. */
class ClosePlanTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration GRACE = Duration.ofHours(24);
    private static final Duration RECHECK = Duration.ofMinutes(15);
    private static final List<Long> OPEN = List.of(11L, 12L);

    private static ClosePlan plan(ClosePolicy policy, Instant graceUntil) {
        return ClosePlan.of(policy, "DPO-42", OPEN, graceUntil, NOW, GRACE, RECHECK);
    }

    @Test
    void neverWaitsWithoutANoteAndLooksAgainAfterTheRecheckInterval() {
        ClosePlan plan = plan(ClosePolicy.NEVER, null);

        assertThat(plan).isInstanceOf(ClosePlan.Wait.class);
        assertThat(plan.note()).isNull();
        assertThat(plan.graceUntil()).isNull();
        StepResult.WaitingForClose waiting = ((ClosePlan.Wait) plan).result();
        assertThat(waiting.recheckAt()).isEqualTo(NOW.plus(RECHECK));
        assertThat(waiting.reason()).isEqualTo("2 conversation(s) not closed (11, 12); close policy NEVER: waiting for"
                + " an agent to close them");
    }

    @Test
    void waitThenForceStartsTheGracePeriodOnTheFirstLookAndNamesItsEndInTheNote() {
        ClosePlan plan = plan(ClosePolicy.WAIT_THEN_FORCE, null);

        assertThat(plan).isInstanceOf(ClosePlan.Wait.class);
        assertThat(plan.graceUntil()).isEqualTo(NOW.plus(GRACE));
        assertThat(plan.note()).contains(NOW.plus(GRACE).toString()).contains("DPO-42")
                .endsWith(ClosePlan.marker("DPO-42"));
        assertThat(((ClosePlan.Wait) plan).result().recheckAt()).isEqualTo(NOW.plus(RECHECK));
    }

    @Test
    void waitThenForceKeepsTheGraceEndOfTheFirstLookAndRechecksNoLaterThanIt() {
        Instant graceUntil = NOW.plus(Duration.ofMinutes(5));

        ClosePlan plan = plan(ClosePolicy.WAIT_THEN_FORCE, graceUntil);

        assertThat(plan.graceUntil()).isEqualTo(graceUntil);
        assertThat(((ClosePlan.Wait) plan).result().recheckAt()).isEqualTo(graceUntil);
    }

    @Test
    void waitThenForceClosesOnceTheGracePeriodHasEnded() {
        assertThat(plan(ClosePolicy.WAIT_THEN_FORCE, NOW)).isInstanceOf(ClosePlan.Close.class);
        ClosePlan late = plan(ClosePolicy.WAIT_THEN_FORCE, NOW.minusSeconds(1));
        assertThat(late).isInstanceOf(ClosePlan.Close.class);
        assertThat(late.graceUntil()).isEqualTo(NOW.minusSeconds(1));
        assertThat(late.note()).endsWith(ClosePlan.marker("DPO-42"));
    }

    @Test
    void forceNowNotesAndClosesAtOnceWithoutAGracePeriod() {
        ClosePlan plan = plan(ClosePolicy.FORCE_NOW, null);

        assertThat(plan).isInstanceOf(ClosePlan.Close.class);
        assertThat(plan.graceUntil()).isNull();
        assertThat(plan.note()).contains("is being closed and anonymized").endsWith(ClosePlan.marker("DPO-42"));
    }

    @Test
    void theWaitingReasonNamesTheCountAndAtMostFiveConversations() {
        List<Long> many = LongStream.rangeClosed(1, 60).boxed().toList();

        ClosePlan plan = ClosePlan.of(ClosePolicy.NEVER, "DPO-42", many, null, NOW, GRACE, RECHECK);

        assertThat(((ClosePlan.Wait) plan).result().reason()).startsWith("60 conversation(s) not closed (1, 2, 3, 4, 5, …)");
    }

    @Test
    void theNoteMarkerCarriesTheTicketReferenceOnly() {
        assertThat(ClosePlan.marker("DPO-42")).isEqualTo("[erasure-worker:DPO-42]");
    }
}
