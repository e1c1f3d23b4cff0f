package com.erasureworker.canary;

import com.erasureworker.dixa.ConversationImport;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.DixaTenantProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creates the canary's synthetic data in Dixa: an end user made for the purpose (display name and external id only,
 * no e-mail or phone), a closed conversation imported through {@code POST /beta/conversations/import} with a customer
 * message, an agent reply and an internal note that all carry the marker text, and an open conversation for the
 * question what a 409 says. Nothing in it belongs to a real person.
 */
@ApplicationScoped
class CanarySetup {

    /** What was created; {@code failure} names the step that did not work (the ids made before it are kept). */
    record Created(UUID endUserId, Long conversationId, Long openConversationId, Instant importedAt,
            List<DixaCall> calls, String failure) {
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

    Created create(CanaryRun run) {
        List<DixaCall> calls = new ArrayList<>();
        if (config.agentId().isEmpty()) {
            return new Created(null, null, null, null, calls,
                    "DIXA_AGENT_ID is not configured: the canary's conversation is closed by, and answered by, that agent");
        }
        UUID agent = config.agentId().get();
        String shortId = run.id.toString().substring(0, 8);
        DixaOutcome<UUID> user = probe.createSyntheticEndUser("Erasure canary " + shortId, "erasure-canary-" + run.id);
        calls.addAll(user.calls());
        if (!user.isOk()) {
            return new Created(null, null, null, null, calls, "create the synthetic end user: " + user);
        }
        Instant now = Instant.now(clock);
        Instant start = now.minusSeconds(60);
        DixaOutcome<Long> closed = dixa.importConversation(new ConversationImport("genericapimessaging", user.value(),
                "Inbound", start, List.of(
                        ConversationImport.Message.inbound("Canary customer message " + run.marker, start),
                        ConversationImport.Message.outbound("Canary agent reply " + run.marker, start.plusSeconds(10), agent)),
                "erasure-canary-" + run.id, new ConversationImport.Closing(start.plusSeconds(20), agent)));
        calls.addAll(closed.calls());
        if (!closed.isOk()) {
            return new Created(user.value(), null, null, null, calls, "import the closed conversation: " + closed);
        }
        Instant importedAt = Instant.now(clock);
        DixaOutcome<?> note = dixa.addInternalNote(closed.value(), "Canary internal note " + run.marker, agent);
        calls.addAll(note.calls());
        if (!note.isOk()) {
            return new Created(user.value(), closed.value(), null, importedAt, calls, "add the internal note: " + note);
        }
        DixaOutcome<Long> open = dixa.importConversation(new ConversationImport("genericapimessaging", user.value(),
                "Inbound", start, List.of(ConversationImport.Message.inbound("Canary open question " + run.marker, start)),
                "erasure-canary-open-" + run.id, null));
        calls.addAll(open.calls());
        if (!open.isOk()) {
            return new Created(user.value(), closed.value(), null, importedAt, calls,
                    "import the open conversation: " + open);
        }
        return new Created(user.value(), closed.value(), open.value(), importedAt, calls, null);
    }
}
