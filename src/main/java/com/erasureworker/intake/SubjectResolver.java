package com.erasureworker.intake;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.EndUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Turns an e-mail or phone subject into Dixa end-user ids while the HTTP request is still open.
 *
 * <p>Why synchronously, before anything is written: the worker must never store the address it is asked to erase.
 * Resolving later (in the pipeline) would mean keeping the address in the database until then. Resolving now keeps
 * it in memory for the length of one request; only its keyed hash and the resulting Dixa ids are recorded. The price
 * is that a submission fails (503, nothing recorded) while Dixa cannot be asked, and the DPO submits again later.
 */
@ApplicationScoped
class SubjectResolver {

    private static final Logger LOG = Logger.getLogger(SubjectResolver.class);

    private final DixaClient dixa;

    SubjectResolver(DixaClient dixa) {
        this.dixa = dixa;
    }

    /** The end users found and every Dixa exchange made to find them. */
    record Resolution(List<UUID> endUserIds, List<DixaCall> calls) {
    }

    /**
     * Asks Dixa for the normalised form and, when the DPO typed it differently (capitals, spaces), for the typed form
     * too: Dixa compares exactly, and a missed variant would leave personal data behind.
     */
    Resolution resolve(Subject subject) {
        if (subject instanceof Subject.Email email) {
            return lookUp(variants(email.normalised(), email.asTyped()), dixa::findEndUsersByEmail);
        }
        if (subject instanceof Subject.Phone phone) {
            return lookUp(variants(phone.normalised(), phone.asTyped()), dixa::findEndUsersByPhone);
        }
        throw new IllegalArgumentException("only e-mail and phone subjects are resolved");
    }

    private static List<String> variants(String normalised, String asTyped) {
        return normalised.equals(asTyped) ? List.of(normalised) : List.of(normalised, asTyped);
    }

    private Resolution lookUp(List<String> values, Function<String, DixaOutcome<List<EndUser>>> search) {
        Set<UUID> found = new LinkedHashSet<>();
        List<DixaCall> calls = new ArrayList<>();
        for (String value : values) {
            DixaOutcome<List<EndUser>> outcome = search.apply(value);
            calls.addAll(outcome.calls());
            if (!outcome.isOk()) {
                throw unavailable(outcome);
            }
            outcome.value().stream().map(EndUser::id).forEach(found::add);
        }
        return new Resolution(List.copyOf(found), List.copyOf(calls));
    }

    private static ProblemException unavailable(DixaOutcome<?> outcome) {
        // The outcome's text is already scrubbed by the gateway, and carries no query (the address).
        LOG.warnf("Subject resolution failed, nothing recorded: %s", outcome);
        Problem problem = Problem.of(503, "dixa-unavailable", "Dixa unavailable",
                "Dixa could not be reached to resolve the subject (" + outcome.kind()
                        + "); nothing was recorded; retry later.");
        return outcome.retryAfterHint()
                .map(wait -> new ProblemException(problem, Map.of("Retry-After", seconds(wait))))
                .orElseGet(() -> new ProblemException(problem));
    }

    private static String seconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }
}
