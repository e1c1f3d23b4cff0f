package com.erasureworker.contract;

import com.erasureworker.dixa.DixaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the shared verdict out of what is stored: per check Dixa's last answer, after a transient one the last
 * definitive answer if younger than DIXA_CONTRACT_MAX_VERDICT_AGE, plus the last decided canary; a row about another
 * DIXA_API_URL or version counts as none.
 */
@ApplicationScoped
class ContractReading {

    static final String CANARY = "canary";
    static final List<String> PROBED = List.of(ContractProbe.ROUTE, ContractProbe.TOKEN, ContractProbe.STATUS);

    private final VerdictStore store;
    private final ContractConfig config;
    private final DixaConfig dixa;
    private final Clock clock;

    ContractReading(VerdictStore store, ContractConfig config, DixaConfig dixa, Clock clock) {
        this.store = store;
        this.config = config;
        this.dixa = dixa;
        this.clock = clock;
    }

    /** What the checks are about: the base URL and version. */
    String target() {
        return dixa.apiUrl() + " " + dixa.apiVersion().name();
    }

    ContractVerdict verdict(Optional<VerdictStore.Stored> stored) {
        Instant now = Instant.now(clock);
        List<ContractCheck> checks = new ArrayList<>();
        Optional<VerdictStore.Stored> mine = stored.filter(s -> s.target().equals(target()));
        for (String name : PROBED) {
            Optional<ContractCheck> decided = mine.flatMap(s -> named(s.checks(), name))
                    .filter(c -> Duration.between(c.checkedAt(), now).compareTo(config.maxVerdictAge()) < 0);
            Optional<ContractCheck> last = mine.flatMap(s -> named(s.attempt(), name));
            checks.add(last.filter(ContractCheck::answered).or(() -> decided.filter(d -> last.isEmpty()))
                    .orElseGet(() -> undecided(name, last, decided, mine, now)));
        }
        store.lastDecidedCanary().ifPresent(run -> checks.add(new ContractCheck(CANARY, run.passed(), run.finishedAt(),
                "canary run " + run.runId(), 0, null, run.passed() ? "the last canary proved erasure end to end"
                        : "the last canary failed: " + run.failure(), true, run.finishedAt())));
        Instant checkedAt = mine.map(VerdictStore.Stored::attemptedAt).orElse(now);
        String degraded = mine.map(VerdictStore.Stored::transientReason).orElse(null);
        return ContractVerdict.of(checkedAt, checks, degraded, mine.map(VerdictStore.Stored::acknowledgedRed)
                .orElse(null), mine.map(VerdictStore.Stored::acknowledgement).orElse(null));
    }

    /** A check whose last answer was transient: that answer, with the last definitive one's result if still young. */
    private ContractCheck undecided(String name, Optional<ContractCheck> last, Optional<ContractCheck> decided,
            Optional<VerdictStore.Stored> mine, Instant now) {
        String stands = decided.map(d -> "; the last definitive answer (HTTP " + d.status() + " at " + d.checkedAt()
                + ") stands: " + d.meaning()).orElse("; no definitive answer within DIXA_CONTRACT_MAX_VERDICT_AGE ("
                + config.maxVerdictAge() + ")");
        return new ContractCheck(name, decided.map(ContractCheck::passed).orElse(false),
                last.map(ContractCheck::checkedAt).orElse(mine.map(VerdictStore.Stored::attemptedAt).orElse(now)),
                last.map(ContractCheck::request).orElse(null), last.map(ContractCheck::status).orElse(0),
                last.map(ContractCheck::answer).orElse(null),
                last.map(ContractCheck::meaning).orElse("not asked yet") + stands, false,
                decided.map(ContractCheck::checkedAt).orElse(null));
    }

    private static Optional<ContractCheck> named(List<ContractCheck> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
