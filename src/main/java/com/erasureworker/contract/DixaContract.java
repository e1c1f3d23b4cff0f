package com.erasureworker.contract;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.audit.AuditTrail;
import com.erasureworker.audit.AuditType;
import com.erasureworker.privacy.KeyedHash;
import com.erasureworker.privacy.Redaction;
import com.erasureworker.webhook.Outbox;
import com.erasureworker.webhook.WebhookEventType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Whether the worker's assumptions about the Dixa it talks to hold, as one verdict every replica shares
 * ({@link VerdictStore}, read by {@link ContractReading}): the self-check ({@link ContractProbe}), in which only
 * definitive answers change a check, plus the last canary that PASSED or FAILED. RED (a failed check or canary) stops new targets ({@link #allowsNewWork})
 * and e-mail/phone intake ({@link #requireGreen}) until it turns green or an admin acknowledges it; DEGRADED (Dixa
 * answered only transiently) stops nothing. A wrong URL or version can so never complete a ticket as "no data found",
 * and a passing hiccup never stops erasure.
 */
@ApplicationScoped
public class DixaContract {

    private static final Logger LOG = Logger.getLogger(DixaContract.class);

    private final ContractProbe probe;
    private final VerdictStore store;
    private final ContractReading reading;
    private final ContractConfig config;
    private final Clock clock;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final KeyedHash fingerprint;
    private final AtomicBoolean checking = new AtomicBoolean();

    DixaContract(ContractProbe probe, VerdictStore store, ContractReading reading, ContractConfig config, Clock clock,
            MeterRegistry registry, Outbox outbox, AuditTrail audit, KeyedHash fingerprint) {
        this.probe = probe;
        this.store = store;
        this.reading = reading;
        this.config = config;
        this.clock = clock;
        this.outbox = outbox;
        this.audit = audit;
        this.fingerprint = fingerprint;
        // dixa_contract_passed keeps its alert's meaning (0: a check or the canary failed); DEGRADED shows apart.
        Gauge.builder("dixa.contract.passed", this, c -> c.quietly()
                        .map(v -> v.state() == ContractVerdict.State.RED ? 0 : 1).orElse(0))
                .description("0 while the Dixa contract verdict is RED (a check or the last canary failed), else 1")
                .register(registry);
        Gauge.builder("dixa.contract.degraded", this, c -> c.quietly()
                        .map(v -> v.state() == ContractVerdict.State.DEGRADED ? 1 : 0).orElse(0))
                .description("1 while Dixa answers the contract self-check only transiently (stops nothing)")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        CompletableFuture.runAsync(this::recheckQuietly);
    }

    /** The shared verdict, asking Dixa first when it is due. Blocking; not for use inside a database transaction. */
    public ContractVerdict current() {
        Optional<VerdictStore.Stored> stored = stored();
        return stored.isEmpty() || due(stored.get()) ? recheck() : verdict(stored);
    }

    /** Asks Dixa now; definitive answers replace the stored checks, transient ones only mark the verdict DEGRADED. */
    public synchronized ContractVerdict recheck() {
        List<ContractCheck> asked = probe.run();
        Instant now = Instant.now(clock);
        Optional<VerdictStore.Stored> before = stored().filter(s -> s.target().equals(target()));
        ContractVerdict previous = verdict(before);
        List<ContractCheck> kept = new ArrayList<>();
        List<String> transients = new ArrayList<>();
        for (ContractCheck check : asked) {
            if (check.answered()) {
                kept.add(check);
            } else {
                transients.add(check.name() + ": " + check.meaning());
                before.flatMap(s -> s.checks().stream().filter(c -> c.name().equals(check.name())).findFirst())
                        .ifPresent(kept::add);
            }
        }
        String degraded = transients.isEmpty() ? null : String.join("; ", transients);
        boolean red = kept.stream().anyMatch(c -> !c.passed());
        Instant redSince = !red ? null : before.map(VerdictStore.Stored::redSince).filter(at -> previous.state()
                == ContractVerdict.State.RED).orElse(now);
        store.write(target(), kept, asked, now, degraded == null ? null : degraded.substring(0, Math.min(1000,
                degraded.length())), redSince);
        ContractVerdict fresh = verdict(stored());
        if (fresh.state() != ContractVerdict.State.RED) {
            store.clearAcknowledgement();
        }
        announce(previous, fresh);
        return fresh;
    }

    /**
     * The gate of the pipeline: whether new targets may be started. Never calls Dixa (it is asked inside the claim's
     * transaction, whose read it joins): a due verdict is refreshed in the background and the stored one answers.
     * Before Dixa was ever asked about this URL and version, nothing new starts; after a transient first answer it
     * does (DEGRADED).
     */
    public boolean allowsNewWork() {
        Optional<VerdictStore.Stored> stored = store.read().filter(s -> s.target().equals(target()));
        if ((stored.isEmpty() || due(stored.get())) && checking.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    recheckQuietly();
                } finally {
                    checking.set(false);
                }
            });
        }
        return stored.isPresent() && verdict(stored).allowsWork();
    }

    /** For e-mail/phone intake: a 503 problem naming the failed check while the verdict is red and unacknowledged. */
    public void requireGreen() {
        ContractVerdict now = current();
        if (!now.allowsWork()) {
            throw unverified(now.reason().orElse("unknown"));
        }
    }

    /**
     * Before a "no match" 404 of an e-mail/phone lookup is believed: Dixa must have answered the route check with 200
     * within {@code DIXA_CONTRACT_CHECK_INTERVAL}, as long as a green verdict is trusted (asked again now otherwise): behind a wrong URL, version or
     * proxy every path is a 404. A 503 problem when it has not; nothing is recorded.
     */
    public void requireConfirmedRoute() {
        if (routeConfirmed(verdict(stored()))) {
            return;
        }
        ContractVerdict now = recheck();
        if (!routeConfirmed(now)) {
            throw unverified(now.reason().orElse("the route check has no definitive answer"));
        }
    }

    /**
     * An admin lets work continue despite this red verdict (audited with the reason's keyed hash). It holds until
     * the verdict changes: a new failure needs a new acknowledgement.
     *
     * @throws ProblemException 409 when the verdict is not red
     */
    public ContractVerdict acknowledge(String reason, String actor) {
        ContractVerdict now = verdict(stored());
        if (now.state() != ContractVerdict.State.RED) {
            throw new ProblemException(Problem.of(409, "dixa-contract-not-red", "Nothing to acknowledge",
                    "The Dixa contract verdict is " + now.state() + "; only a red verdict is acknowledged.",
                    List.of(new Problem.FieldError("state", "is " + now.state() + ", not RED"))));
        }
        String redKey = now.redKey();
        Instant at = Instant.now(clock);
        QuarkusTransaction.requiringNew().run(() -> {
            store.acknowledge(redKey, actor, at, Redaction.scrub(reason));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("acknowledged", redKey);
            detail.put("reasonHash", fingerprint.keyedHash(reason));
            audit.record(AuditType.DIXA_CONTRACT_ACKNOWLEDGED, actor, null, null, detail);
        });
        LOG.infof("red Dixa contract verdict (%s) acknowledged by %s: work continues", redKey, actor);
        return verdict(stored());
    }

    private Optional<VerdictStore.Stored> stored() {
        return store.read();
    }

    private ContractVerdict verdict(Optional<VerdictStore.Stored> stored) {
        return reading.verdict(stored);
    }

    private String target() {
        return reading.target();
    }

    /** Asked again after DIXA_CONTRACT_CHECK_INTERVAL while green, after the red recheck interval otherwise. */
    private boolean due(VerdictStore.Stored stored) {
        if (!stored.target().equals(target())) {
            return true;
        }
        boolean green = stored.transientReason() == null && stored.checks().size() == ContractReading.PROBED.size()
                && stored.checks().stream().allMatch(ContractCheck::passed);
        Duration age = Duration.between(stored.attemptedAt(), Instant.now(clock));
        return age.compareTo(green ? config.checkInterval() : config.redRecheckInterval()) >= 0;
    }

    private boolean routeConfirmed(ContractVerdict verdict) {
        return verdict.checks().stream().anyMatch(c -> c.name().equals(ContractProbe.ROUTE) && c.answered()
                && c.passed() && Duration.between(c.decidedAt(), Instant.now(clock))
                .compareTo(config.checkInterval()) < 0);
    }

    private void announce(ContractVerdict previous, ContractVerdict fresh) {
        if (previous.state() != fresh.state()) {
            LOG.infof("Dixa contract self-check %s%s", fresh.state(), fresh.reason().map(r -> ": " + r).orElse(""));
        }
        if (fresh.state() == ContractVerdict.State.RED && previous.state() != ContractVerdict.State.RED) {
            // Replicas share the verdict: one event per ten minutes at most, whichever replica sees red first.
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("checkedAt", fresh.checkedAt().toString());
            data.put("reason", fresh.reason().orElse(null));
            outbox.publishOnce(WebhookEventType.DIXA_CONTRACT_FAILED, null,
                    "dixa.contract_failed:" + fresh.checkedAt().getEpochSecond() / 600, data);
        }
    }

    private static ProblemException unverified(String reason) {
        return new ProblemException(Problem.of(503, "dixa-contract-unverified", "Dixa contract not verified",
                "The Dixa contract self-check is red (" + reason + "); nothing was recorded. See GET "
                        + "/api/v1/dixa/contract; retry once it is green, or an admin acknowledges it."));
    }

    private Optional<ContractVerdict> quietly() {
        try {
            return Optional.of(verdict(stored()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void recheckQuietly() {
        try {
            recheck();
        } catch (RuntimeException e) {
            LOG.warnf("Dixa contract self-check could not run: %s", e.getClass().getSimpleName());
        }
    }
}
