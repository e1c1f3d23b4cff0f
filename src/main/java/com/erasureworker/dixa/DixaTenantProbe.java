package com.erasureworker.dixa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.GenericType;
import java.util.UUID;

/**
 * The calls that check this worker's assumptions against the tenant rather than erase anything: the contract
 * self-check's route probe, and the canary's synthetic end user and raw read-backs. They go through the same rate
 * budget, retries and audit-ready call records as every other call ({@link DixaClient}).
 *
 * <p>Raw read-backs return the answer's text so the canary can look for its own marker; they are only ever used on
 * the canary's synthetic conversation, and the text is never stored.
 */
@ApplicationScoped
public class DixaTenantProbe {

    private static final GenericType<Envelope<EndUser>> END_USER = new GenericType<>() { };
    private static final GenericType<String> TEXT = new GenericType<>() { };
    private static final GenericType<Envelope<ConversationImport.Result>> IMPORTED = new GenericType<>() { };

    /** What the canary reads back after the erasure. */
    public enum ReadBack {
        CONVERSATION(DixaEndpoint.READ_BACK_CONVERSATION),
        MESSAGES(DixaEndpoint.READ_BACK_MESSAGES),
        NOTES(DixaEndpoint.READ_BACK_NOTES),
        ACTIVITY_LOG(DixaEndpoint.READ_BACK_ACTIVITY_LOG);

        final DixaEndpoint endpoint;

        ReadBack(DixaEndpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    private final DixaClient client;

    DixaTenantProbe(DixaClient client) {
        this.client = client;
    }

    /** {@code GET /<version>/agents?pageLimit=1}: a route every tenant has; 200 says base URL, version and token fit. */
    public DixaOutcome<Void> agentsRoute() {
        return client.call(DixaEndpoint.LIST_AGENTS, () -> client.api().listAgents(client.version(), 1), null);
    }

    /** A synthetic end user with a display name and external id only (no e-mail, no phone). */
    public DixaOutcome<UUID> createSyntheticEndUser(String displayName, String externalId) {
        return DixaClient.unwrap(client.call(DixaEndpoint.CREATE_END_USER, () -> client.api().createEndUser(client.version(),
                new DixaApi.CreateEndUserInput(displayName, externalId)), END_USER)).map(EndUser::id);
    }

    /**
     * Imports the canary's conversation (beta endpoint) and keeps Dixa's whole answer: {@code partialErrors} say
     * what was not imported, which a canary must not overlook.
     */
    public DixaOutcome<ConversationImport.Result> importWithPartialErrors(ConversationImport conversation) {
        return DixaClient.unwrap(client.call(DixaEndpoint.IMPORT_CONVERSATION,
                () -> client.api().importConversation(DixaConfig.ApiVersion.beta.name(), conversation), IMPORTED));
    }

    /** The answer's body text; for the canary's synthetic conversation only. */
    public DixaOutcome<String> readBack(ReadBack what, long conversationId) {
        String version = client.version();
        return client.call(what.endpoint, () -> switch (what) {
            case CONVERSATION -> client.api().getConversation(version, conversationId);
            case MESSAGES -> client.api().readMessages(version, conversationId);
            case NOTES -> client.api().readNotes(version, conversationId);
            case ACTIVITY_LOG -> client.api().getActivityLog(version, conversationId);
        }, TEXT);
    }
}
