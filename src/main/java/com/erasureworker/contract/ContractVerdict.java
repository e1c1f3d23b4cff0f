package com.erasureworker.contract;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outcome of one run of the contract self-check: every check, and whether all passed. */
public record ContractVerdict(boolean passed, Instant checkedAt, List<ContractCheck> checks) {

    static ContractVerdict of(Instant checkedAt, List<ContractCheck> checks) {
        return new ContractVerdict(checks.stream().allMatch(ContractCheck::passed), checkedAt, List.copyOf(checks));
    }

    /** The first failed check's meaning, for a 503 or a health answer. */
    public Optional<String> reason() {
        return checks.stream().filter(c -> !c.passed()).findFirst().map(c -> c.name() + ": " + c.meaning());
    }

    /** The same checks with the canary's verdict replaced. */
    ContractVerdict withCanary(ContractCheck canary) {
        List<ContractCheck> replaced = new java.util.ArrayList<>(checks.stream()
                .filter(c -> !c.name().equals(DixaContract.CANARY)).toList());
        replaced.add(canary);
        return of(checkedAt, replaced);
    }
}
