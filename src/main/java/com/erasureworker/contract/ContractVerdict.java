package com.erasureworker.contract;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The contract self-check's verdict as every replica sees it (stored in {@code dixa_contract_verdict}).
 *
 * @param state           {@code GREEN}: every check answered and passed; {@code DEGRADED}: Dixa's last answer was
 *                        transient, or a check has no definitive answer yet, and none failed (stops nothing);
 *                        {@code RED}: a definitive answer failed a check, or the last canary FAILED
 * @param passed          {@code state == GREEN}
 * @param allowsWork      whether new targets start and e-mail/phone intake answers: not RED, or RED acknowledged
 * @param checkedAt       when Dixa was last asked, whatever it answered
 * @param checks          each check's last answer; after a transient one, {@code passed} is the last definitive answer's
 * @param degraded        why the last attempt did not decide (the transient answers), null when it did
 * @param acknowledgement an admin's acknowledgement of this very red verdict, else null
 */
public record ContractVerdict(State state, boolean passed, boolean allowsWork, Instant checkedAt,
        List<ContractCheck> checks, String degraded, Acknowledgement acknowledgement) {

    public enum State { GREEN, DEGRADED, RED }

    /** Who let work continue despite a red verdict, when and why (the reason's text is scrubbed). */
    public record Acknowledgement(String by, Instant at, String reason) {
    }

    static ContractVerdict of(Instant checkedAt, List<ContractCheck> checks, String degraded,
            String acknowledgedRed, Acknowledgement acknowledgement) {
        boolean red = checks.stream().anyMatch(c -> c.decided() && !c.passed());
        State state = red ? State.RED
                : degraded != null || checks.stream().anyMatch(c -> !c.answered() || !c.decided()) ? State.DEGRADED
                : State.GREEN;
        Acknowledgement applies = red && acknowledgement != null && redKey(checks).equals(acknowledgedRed)
                ? acknowledgement : null;
        return new ContractVerdict(state, state == State.GREEN, !red || applies != null, checkedAt, List.copyOf(checks),
                degraded, applies);
    }

    /** The first failed check's meaning, for a 503 or a health answer; else why the verdict is degraded. */
    public Optional<String> reason() {
        return checks.stream().filter(c -> c.decided() && !c.passed()).findFirst()
                .map(c -> c.name() + ": " + c.meaning())
                .or(() -> Optional.ofNullable(degraded));
    }

    /** Which red this is: the failed checks and where each comes from (a new failure needs a new acknowledgement). */
    String redKey() {
        return redKey(checks);
    }

    private static String redKey(List<ContractCheck> checks) {
        return checks.stream().filter(c -> c.decided() && !c.passed()).map(c -> c.name() + "@" + c.request())
                .collect(Collectors.joining(","));
    }
}
