package com.erasureworker.contract;

import com.erasureworker.webhook.Outbox;
import com.erasureworker.webhook.WebhookEventType;
import java.util.LinkedHashMap;
import java.util.Map;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Whether the worker's assumptions about the Dixa it talks to hold: the contract self-check ({@link ContractProbe})
 * run at start, when its verdict is older than {@code DIXA_CONTRACT_CHECK_INTERVAL} (a failed one after
 * {@code DIXA_CONTRACT_RED_RECHECK_INTERVAL}), and on demand; plus the last canary's verdict. Until it is green,
 * e-mail/phone intake answers 503 ({@link #requireGreen}) and the pipeline starts no new targets
 * ({@link #allowsNewWork}), so a wrong URL or version can never complete a ticket as "no data found".
 */
@ApplicationScoped
public class DixaContract {

    private static final Logger LOG = Logger.getLogger(DixaContract.class);
    static final String CANARY = "canary";

    private final ContractProbe probe;
    private final ContractConfig config;
    private final Clock clock;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile ContractVerdict verdict;
    private volatile ContractCheck canary;

    private final Outbox outbox;

    DixaContract(ContractProbe probe, ContractConfig config, Clock clock, MeterRegistry registry, Outbox outbox) {
        this.outbox = outbox;
        this.probe = probe;
        this.config = config;
        this.clock = clock;
        Gauge.builder("dixa.contract.passed", this, c -> c.verdict != null && c.verdict.passed() ? 1 : 0)
                .description("1 while the Dixa contract self-check (and the last canary) passed").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        CompletableFuture.runAsync(this::recheckQuietly);
    }

    /** The verdict, asking Dixa first when it is stale. Blocking; not for use inside a database transaction. */
    public ContractVerdict current() {
        ContractVerdict known = verdict;
        return known == null || stale(known) ? recheck() : known;
    }

    /** Asks Dixa now. */
    public synchronized ContractVerdict recheck() {
        List<ContractCheck> checks = new java.util.ArrayList<>(probe.run());
        if (canary != null) {
            checks.add(canary);
        }
        ContractVerdict fresh = ContractVerdict.of(Instant.now(clock), checks);
        if (verdict == null || verdict.passed() != fresh.passed()) {
            LOG.infof("Dixa contract self-check %s%s", fresh.passed() ? "passed" : "FAILED",
                    fresh.reason().map(r -> ": " + r).orElse(""));
        }
        if (!fresh.passed() && (verdict == null || verdict.passed())) {
            // Every replica checks on its own: one event per ten minutes at most, whichever replica sees red first.
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("checkedAt", fresh.checkedAt().toString());
            data.put("reason", fresh.reason().orElse(null));
            outbox.publishOnce(WebhookEventType.DIXA_CONTRACT_FAILED, null,
                    "dixa.contract_failed:" + fresh.checkedAt().getEpochSecond() / 600, data);
        }
        verdict = fresh;
        return fresh;
    }

    /**
     * The gate of the pipeline: whether new targets may be started. Never calls Dixa (it is asked inside the claim's
     * transaction): a stale verdict is refreshed in the background and the last one answers meanwhile.
     */
    public boolean allowsNewWork() {
        ContractVerdict known = verdict;
        if ((known == null || stale(known)) && checking.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    recheckQuietly();
                } finally {
                    checking.set(false);
                }
            });
        }
        return known != null && known.passed();
    }

    /** For e-mail/phone intake: a 503 problem naming the failed check unless the self-check is green. */
    public void requireGreen() {
        ContractVerdict now = current();
        if (!now.passed()) {
            throw new ProblemException(Problem.of(503, "dixa-contract-unverified", "Dixa contract not verified",
                    "The Dixa contract self-check has not passed (" + now.reason().orElse("unknown")
                            + "); nothing was recorded. See GET /api/v1/dixa/contract; retry once it is green."));
        }
    }

    /** Called by the canary: a failed canary marks the self-check red until a canary passes again. */
    public synchronized void canaryFinished(boolean passed, String runId, String reason) {
        canary = new ContractCheck(CANARY, passed, Instant.now(clock), "canary run " + runId, 0, null,
                passed ? "the last canary proved erasure end to end" : "the last canary failed: " + reason);
        if (verdict != null) {
            verdict = verdict.withCanary(canary);
        }
    }

    private boolean stale(ContractVerdict known) {
        Duration age = Duration.between(known.checkedAt(), Instant.now(clock));
        return age.compareTo(known.passed() ? config.checkInterval() : config.redRecheckInterval()) >= 0;
    }

    private void recheckQuietly() {
        try {
            recheck();
        } catch (RuntimeException e) {
            LOG.warnf("Dixa contract self-check could not run: %s", e.getClass().getSimpleName());
        }
    }
}
