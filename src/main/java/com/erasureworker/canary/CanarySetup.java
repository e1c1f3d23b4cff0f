package com.erasureworker.canary;

import com.erasureworker.dixa.ConversationImport;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.DixaTenantProbe;
import com.erasureworker.dixa.DixaTenantProbe.ReadBack;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates the canary's synthetic data in Dixa: one canary end user, reused run after run (display name and external
 * id only, no e-mail or phone), a closed conversation imported through {@code POST /beta/conversations/import} with
 * a customer message, an agent reply and an internal note that all carry the marker text, read back before anything
 * is erased, and an open conversation assigned to {@code DIXA_AGENT_ID} (so no agent queue offers it) for the question
 * what a 409 says. Nothing in it belongs to a real person; a closed conversation left by a failed set-up is
 * force-anonymized at once.
 */
@ApplicationScoped
class CanarySetup {

    static final String END_USER_EXTERNAL_ID = "erasure-canary";

    /**
     * What was created; {@code failure} names the step that did not work (the ids made before it are kept) and
     * {@code outcome} whether that is evidence against Dixa (FAILED) or proves nothing (INCONCLUSIVE).
     */
    record Created(UUID endUserId, Long conversationId, Long openConversationId, Instant importedAt,
            List<DixaCall> calls, String failure, CanaryOutcome outcome) {
    }

    private final DixaClient dixa;
    private final DixaTenantProbe probe;
    private final DixaConfig config;
    private final Clock clock;

    CanarySetup(DixaClient dixa, DixaTenantProbe probe, DixaConfig config, Clock clock) {
        this.dixa = dixa;
        this.probe = probe;
        this.config = config;
        this.clock = clock;
    }

    /** @param knownEndUser the canary end user of an earlier run, reused when Dixa still knows it */
    Created create(CanaryRun run, Optional<UUID> knownEndUser) {
        List<DixaCall> calls = new ArrayList<>();
        if (config.agentId().isEmpty()) {
            return new Created(null, null, null, null, calls, "DIXA_AGENT_ID is not configured: the canary's "
                    + "conversation is closed by, and answered by, that agent", CanaryOutcome.INCONCLUSIVE);
        }
        UUID agent = config.agentId().get();
        Instant start = Instant.now(clock).minusSeconds(60);
        UUID user = knownEndUser.orElse(null);
        DixaOutcome<ConversationImport.Result> closed = null;
        if (user != null) {
            closed = probe.importWithPartialErrors(closedConversation(run, user, agent, start));
            calls.addAll(closed.calls());
            if (requesterGone(closed)) {
                user = null;
            }
        }
        if (user == null) {
            DixaOutcome<UUID> created = probe.createSyntheticEndUser("Erasure canary", END_USER_EXTERNAL_ID);
            calls.addAll(created.calls());
            if (!created.isOk()) {
                return inconclusive(null, null, null, calls, "create the synthetic end user: " + created);
            }
            user = created.value();
            closed = probe.importWithPartialErrors(closedConversation(run, user, agent, start));
            calls.addAll(closed.calls());
        }
        if (!closed.isOk()) {
            return inconclusive(user, null, null, calls, "import the closed conversation: " + closed);
        }
        long csid = closed.value().id();
        Instant importedAt = Instant.now(clock);
        if (!closed.value().partialErrors().isEmpty()) {
            return failed(user, csid, importedAt, calls, "the import of the closed conversation reported partialErrors: "
                    + closed.value().partialErrors().stream().map(ConversationImport.PartialError::message).toList());
        }
        DixaOutcome<?> note = dixa.addInternalNote(csid, "Canary internal note " + run.marker, agent);
        calls.addAll(note.calls());
        if (!note.isOk()) {
            return inconclusive(user, csid, importedAt, calls, "add the internal note: " + note);
        }
        // Read the marker back before erasing: "marker gone" afterwards proves nothing if it never arrived.
        DixaOutcome<String> messages = probe.readBack(ReadBack.MESSAGES, csid);
        calls.addAll(messages.calls());
        if (!messages.isOk()) {
            return inconclusive(user, csid, importedAt, calls, "read the imported messages back: " + messages);
        }
        if (!messages.value().contains(run.marker)) {
            return failed(user, csid, importedAt, calls,
                    "the imported conversation's messages do not hold the marker text (read back before the erasure)");
        }
        DixaOutcome<ConversationImport.Result> open = probe.importWithPartialErrors(new ConversationImport(
                ConversationImport.TYPE, "genericapimessaging", user, "Inbound", start,
                List.of(ConversationImport.Message.inbound("Canary open question " + run.marker, start)),
                "erasure-canary-open-" + run.id, null, new ConversationImport.Assignment(agent, start.plusSeconds(1))));
        calls.addAll(open.calls());
        if (!open.isOk()) {
            return inconclusive(user, csid, importedAt, calls, "import the open conversation: " + open);
        }
        if (!open.value().partialErrors().isEmpty()) {
            return new Created(user, csid, open.value().id(), importedAt, calls, "the import of the open conversation "
                    + "reported partialErrors: " + open.value().partialErrors().stream()
                    .map(ConversationImport.PartialError::message).toList(), CanaryOutcome.FAILED);
        }
        return new Created(user, csid, open.value().id(), importedAt, calls, null, null);
    }

    private ConversationImport closedConversation(CanaryRun run, UUID user, UUID agent, Instant start) {
        return new ConversationImport(ConversationImport.TYPE, "genericapimessaging", user, "Inbound", start, List.of(
                ConversationImport.Message.inbound("Canary customer message " + run.marker, start),
                ConversationImport.Message.outbound("Canary agent reply " + run.marker, start.plusSeconds(10), agent)),
                "erasure-canary-" + run.id, new ConversationImport.Closing(start.plusSeconds(20), agent), null);
    }

    private static boolean requesterGone(DixaOutcome<?> outcome) {
        return outcome.kind() == DixaOutcome.Kind.BAD_REQUEST && outcome.message() != null
                && outcome.message().contains("Requester does not exist");
    }

    private Created inconclusive(UUID user, Long csid, Instant importedAt, List<DixaCall> calls, String failure) {
        return new Created(user, csid, null, importedAt, cleanUp(csid, calls), failure, CanaryOutcome.INCONCLUSIVE);
    }

    private Created failed(UUID user, Long csid, Instant importedAt, List<DixaCall> calls, String failure) {
        return new Created(user, csid, null, importedAt, cleanUp(csid, calls), failure, CanaryOutcome.FAILED);
    }

    /** A closed conversation of a failed set-up is not left behind with its marker: force-anonymized now. */
    private List<DixaCall> cleanUp(Long csid, List<DixaCall> calls) {
        if (csid != null) {
            calls.addAll(dixa.anonymizeConversation(csid, true).calls());
        }
        return calls;
    }
}
