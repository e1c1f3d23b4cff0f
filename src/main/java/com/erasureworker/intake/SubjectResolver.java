package com.erasureworker.intake;

import com.erasureworker.api.Problem;
import com.erasureworker.api.ProblemException;
import com.erasureworker.contract.DixaContract;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.EndUser;
import com.erasureworker.subject.Subject;
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
    private final DixaContract contract;

    SubjectResolver(DixaClient dixa, DixaContract contract) {
        this.dixa = dixa;
        this.contract = contract;
    }

    /** The end users found and every Dixa exchange made to find them. */
    record Resolution(List<UUID> endUserIds, List<DixaCall> calls) {
    }

    /**
     * Asks Dixa for the normalised form and, when the DPO typed it differently (capitals, spaces), for the typed form
     * too: Dixa compares exactly, and a missed variant would leave personal data behind.
     */
    Resolution resolve(Subject subject) {
        // "No match" is only believable from a Dixa known to be the right one: a wrong URL or version answers 404 too.
        contract.requireGreen();
        if (subject instanceof Subject.Email email) {
            return lookUp(variants(email.normalised(), email.asTyped()), dixa::findEndUsersByEmail, "subject.email");
        }
        if (subject instanceof Subject.Phone phone) {
            return lookUp(variants(phone.normalised(), phone.asTyped()), dixa::findEndUsersByPhone, "subject.phone");
        }
        throw new IllegalArgumentException("only e-mail and phone subjects are resolved");
    }

    private static List<String> variants(String normalised, String asTyped) {
        return normalised.equals(asTyped) ? List.of(normalised) : List.of(normalised, asTyped);
    }

    private Resolution lookUp(List<String> values, Function<String, DixaOutcome<List<EndUser>>> search, String field) {
        Set<UUID> found = new LinkedHashSet<>();
        List<DixaCall> calls = new ArrayList<>();
        for (String value : values) {
            DixaOutcome<List<EndUser>> outcome = search.apply(value);
            calls.addAll(outcome.calls());
            if (outcome.kind() == DixaOutcome.Kind.NOT_FOUND) {
                // Dixa documents a 404 for "no match"; believed only while Dixa has lately confirmed the route.
                contract.requireConfirmedRoute();
                continue;
            }
            if (outcome.kind() == DixaOutcome.Kind.BAD_REQUEST && isDuplicate(outcome)) {
                throw ambiguous(field);
            }
            if (!outcome.isOk()) {
                throw unavailable(outcome);
            }
            outcome.value().stream().map(EndUser::id).forEach(found::add);
        }
        return new Resolution(List.copyOf(found), List.copyOf(calls));
    }

    /** Dixa's documented 400 "Duplicate email address" / "Duplicate phone number" on the end-user search. */
    private static boolean isDuplicate(DixaOutcome<?> outcome) {
        return outcome.message() != null && outcome.message().toLowerCase(java.util.Locale.ROOT).contains("duplicate");
    }

    /** 422: Dixa holds several end users with this value and will not list them; nothing is recorded. */
    private static ProblemException ambiguous(String field) {
        String reason = "Dixa reports more than one end user with this value (400 Duplicate) and does not list them; "
                + "submit each end user by endUserId instead";
        return new ProblemException(Problem.of(422, "subject-ambiguous", "Subject is ambiguous at Dixa",
                reason + ". Nothing was recorded.", List.of(new Problem.FieldError(field, reason))));
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
