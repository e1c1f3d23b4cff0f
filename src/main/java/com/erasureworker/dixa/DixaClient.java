package com.erasureworker.dixa;

import com.erasureworker.dixa.DixaOutcome.Kind;
import com.erasureworker.erasure.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one way into Dixa. Owns the rate budget ({@link DixaRateGovernor}), quick retries of transient failures for
 * calls that are safe to repeat (SmallRye Fault Tolerance, waiting as the one backoff policy {@link Backoff} says),
 * the mapping of every answer to a {@link DixaOutcome}, and call metrics. Timeouts are the REST client's (application.properties).
 */
@ApplicationScoped
public class DixaClient {

    private static final GenericType<Envelope<Conversation>> CONVERSATION = new GenericType<>() { };
    private static final GenericType<Envelope<AnonymizationRequestStatus>> ANONYMIZATION = new GenericType<>() { };
    private static final GenericType<Envelope<JsonNode>> ACCEPTED = new GenericType<>() { };
    private static final GenericType<Page<EndUser>> END_USERS = new GenericType<>() { };
    private static final GenericType<Page<EndUserContact>> END_USER_CONTACTS = new GenericType<>() { };
    private static final GenericType<Page<Conversation>> CONVERSATIONS = new GenericType<>() { };
    private static final GenericType<Envelope<InternalNote>> NOTE = new GenericType<>() { };
    private static final GenericType<Envelope<List<NoteText>>> NOTES = new GenericType<>() { };
    private static final GenericType<Envelope<List<CustomAttribute>>> ATTRIBUTES = new GenericType<>() { };
    private static final GenericType<Envelope<List<ActivityLogEntry>>> ACTIVITY = new GenericType<>() { };
    private static final GenericType<Page<SearchHit>> SEARCH = new GenericType<>() { };
    private static final GenericType<Envelope<ConversationImport.Result>> IMPORTED = new GenericType<>() { };
    private static final GenericType<Envelope<List<DixaWebhook>>> WEBHOOKS = new GenericType<>() { };
    private static final GenericType<Envelope<DixaWebhook>> WEBHOOK = new GenericType<>() { };
    private static final String BETA = DixaConfig.ApiVersion.beta.name();
    /** In-call retries wait at most this long each: a longer wait belongs to the caller's own (persisted) backoff. */
    private static final Duration LONGEST_RETRY_DELAY = Duration.ofSeconds(5);

    @Inject
    @RestClient
    DixaApi api;

    @Inject
    DixaConfig config;

    @Inject
    DixaRateGovernor governor;

    @Inject
    MeterRegistry registry;

    @Inject
    DixaWriteGate writeGate;

    private Guard retry;

    @PostConstruct
    void init() {
        Backoff backoff = new Backoff(config.retry().initialDelay(), LONGEST_RETRY_DELAY);
        retry = Guard.create()
                .withDescription("dixa-transient-retry")
                .withRetry()
                .maxRetries(config.retry().maxRetries())
                .delay(config.retry().initialDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS) // the jitter is the backoff policy's own
                .withCustomBackoff().strategy(() -> {
                    Iterator<Duration> delays = backoff.series();
                    return failure -> delays.next().toMillis();
                }).done()
                .retryOn(TransientFailure.class)
                .done()
                .build();
    }

    public DixaOutcome<Conversation> getConversation(long conversationId) {
        return unwrap(call(DixaEndpoint.GET_CONVERSATION, () -> api.getConversation(version(), conversationId), CONVERSATION));
    }

    /**
     * Closes a conversation, credited to {@code userId} (an agent or admin) when given. With
     * {@code DIXA_CLAIM_BEFORE_CLOSE} the conversation is first claimed for that user with {@code force=false}, so
     * agents see who took it; a refused claim (already assigned, 409) does not stop the close. The outcome lists both
     * exchanges.
     */
    public DixaOutcome<Void> closeConversation(long conversationId, UUID userId) {
        List<DixaCall> claimCalls = List.of();
        if (config.claimBeforeClose() && userId != null) {
            claimCalls = call(DixaEndpoint.CLAIM_CONVERSATION, () -> api.claimConversation(version(), conversationId,
                    new DixaApi.ClaimConversationInput(userId, false)), null).calls();
        }
        DixaOutcome<Void> closed = call(DixaEndpoint.CLOSE_CONVERSATION,
                () -> api.closeConversation(version(), conversationId, new DixaApi.CloseConversationInput(userId)), null);
        if (claimCalls.isEmpty()) {
            return closed;
        }
        List<DixaCall> all = new ArrayList<>(claimCalls);
        all.addAll(closed.calls());
        return closed.withCalls(all);
    }

    /**
     * Whether a read of a conversation shows it anonymized: {@code anonymizedAt} on a 200, or, where the tenant answers
     * anonymized conversations with 404 ({@code DIXA_ANONYMIZED_CONVERSATION_READ=not-found}), a 404.
     */
    public boolean showsAnonymized(DixaOutcome<Conversation> read) {
        if (read.isOk()) {
            return read.value().isAnonymized();
        }
        return read.kind() == Kind.NOT_FOUND && config.anonymizedConversationRead() == DixaConfig.AnonymizedRead.NOT_FOUND;
    }

    /**
     * A 409 is returned as it is: the pipeline reads the conversation once to learn what it meant (open, closed, or
     * already anonymized where the tenant answers a duplicate with 409, {@code DIXA_DUPLICATE_ANONYMIZE=conflict}).
     */
    public DixaOutcome<AnonymizationRequestStatus> anonymizeConversation(long conversationId, boolean force) {
        return accepted(call(DixaEndpoint.ANONYMIZE_CONVERSATION,
                () -> api.anonymizeConversation(version(), conversationId, force), ACCEPTED));
    }

    public DixaOutcome<AnonymizationRequestStatus> anonymizeMessage(long conversationId, UUID messageId) {
        return accepted(call(DixaEndpoint.ANONYMIZE_MESSAGE,
                () -> api.anonymizeMessage(version(), conversationId, messageId), ACCEPTED));
    }

    public DixaOutcome<AnonymizationRequestStatus> anonymizeEndUser(UUID userId, boolean force) {
        return accepted(call(DixaEndpoint.ANONYMIZE_END_USER, () -> api.anonymizeEndUser(version(), userId, force),
                ACCEPTED));
    }

    public DixaOutcome<AnonymizationRequestStatus> getAnonymizationRequest(UUID requestId) {
        return unwrap(call(DixaEndpoint.GET_ANONYMIZATION_REQUEST,
                () -> api.getAnonymizationRequest(version(), requestId), ANONYMIZATION));
    }

    /**
     * Every end user whose e-mail matches, all pages. The address is sent to Dixa only, never logged or kept. Dixa
     * documents a 404 for this search too: it is returned as NOT_FOUND, and only the caller, knowing whether the
     * contract self-check is green, may read it as "no match".
     */
    public DixaOutcome<List<EndUser>> findEndUsersByEmail(String email) {
        return DixaPagination.collect(pageKey -> call(DixaEndpoint.FIND_END_USERS_BY_EMAIL,
                () -> api.findEndUsersByEmail(version(), email, pageKey), END_USERS));
    }

    /** Every end user whose phone number matches, all pages; a 404 is NOT_FOUND as for e-mail. */
    public DixaOutcome<List<EndUser>> findEndUsersByPhone(String phone) {
        return DixaPagination.collect(pageKey -> call(DixaEndpoint.FIND_END_USERS_BY_PHONE,
                () -> api.findEndUsersByPhone(version(), phone, pageKey), END_USERS));
    }

    /**
     * One page of every end user with their addresses ({@code pageKey} null for the first; see
     * {@link DixaPagination#forEachPage}). The caller hashes the addresses at once and keeps none.
     */
    public DixaOutcome<Page<EndUserContact>> listEndUsers(String pageKey) {
        return call(DixaEndpoint.LIST_END_USERS, () -> api.listEndUsers(version(), pageKey), END_USER_CONTACTS);
    }

    /** All the end user's conversations, following {@code meta.next} to the end. */
    public DixaOutcome<List<Conversation>> listEndUserConversations(UUID userId) {
        return DixaPagination.collect(pageKey -> call(DixaEndpoint.LIST_END_USER_CONVERSATIONS,
                () -> api.listEndUserConversations(version(), userId, pageKey), CONVERSATIONS));
    }

    /**
     * The conversation's internal notes with their text, read only to find the worker's own note by its marker (the
     * texts are not kept: agents' notes may hold personal data).
     */
    public DixaOutcome<List<NoteText>> listInternalNotes(long conversationId) {
        return unwrap(call(DixaEndpoint.LIST_INTERNAL_NOTES, () -> api.listInternalNotes(version(), conversationId),
                NOTES));
    }

    /** Posts an internal note authored by {@code agentId}. Not retried inside the call: a repeat would be visible. */
    public DixaOutcome<InternalNote> addInternalNote(long conversationId, String message, UUID agentId) {
        return unwrap(call(DixaEndpoint.ADD_INTERNAL_NOTE, () -> api.addInternalNote(version(), conversationId,
                new DixaApi.CreateInternalNoteInput(message, agentId)), NOTE));
    }

    public DixaOutcome<List<CustomAttribute>> patchCustomAttributes(long conversationId, Map<UUID, Object> values) {
        return unwrap(call(DixaEndpoint.PATCH_CUSTOM_ATTRIBUTES,
                () -> api.patchCustomAttributes(version(), conversationId, values), ATTRIBUTES));
    }

    public DixaOutcome<List<ActivityLogEntry>> getActivityLog(long conversationId) {
        return unwrap(call(DixaEndpoint.GET_ACTIVITY_LOG, () -> api.getActivityLog(version(), conversationId), ACTIVITY));
    }

    /** One page of the filtered search; {@code pageKey} null for the first. See {@link DixaPagination#forEachPage}. */
    public DixaOutcome<Page<SearchHit>> searchConversations(SearchParameters parameters, Integer pageLimit, String pageKey) {
        return call(DixaEndpoint.SEARCH_CONVERSATIONS,
                () -> api.searchConversations(config.searchApiVersion().name(), pageLimit, pageKey, parameters), SEARCH);
    }

    /** Imports a conversation (beta endpoint, whatever {@code DIXA_API_VERSION} says). */
    public DixaOutcome<Long> importConversation(ConversationImport conversation) {
        return unwrap(call(DixaEndpoint.IMPORT_CONVERSATION, () -> api.importConversation(BETA, conversation), IMPORTED))
                .map(ConversationImport.Result::id);
    }

    /** Dixa's webhook subscriptions of this token's organization (not paginated). */
    public DixaOutcome<List<DixaWebhook>> listWebhooks() {
        return unwrap(call(DixaEndpoint.LIST_WEBHOOKS, () -> api.listWebhooks(version()), WEBHOOKS));
    }

    /** Creates a webhook subscription at Dixa. Not retried inside the call: a repeat would be a second subscription. */
    public DixaOutcome<DixaWebhook> createWebhook(DixaWebhook.Input input) {
        return unwrap(call(DixaEndpoint.CREATE_WEBHOOK, () -> api.createWebhook(version(), input), WEBHOOK));
    }

    public DixaOutcome<DixaWebhook> patchWebhook(java.util.UUID id, DixaWebhook.Input input) {
        return unwrap(call(DixaEndpoint.PATCH_WEBHOOK, () -> api.patchWebhook(version(), id, input), WEBHOOK));
    }

    String version() {
        return config.apiVersion().name();
    }

    /** The REST client, for {@link DixaTenantProbe} (a method: fields of a CDI client proxy are not the bean's). */
    DixaApi api() {
        return api;
    }

    /** One gateway operation: rate budget, in-call retries when safe, mapping. Shared with {@link DixaTenantProbe}. */
    <T> DixaOutcome<T> call(DixaEndpoint endpoint, Supplier<Response> request, GenericType<T> bodyType) {
        List<DixaCall> calls = new ArrayList<>();
        Supplier<DixaOutcome<T>> attempt = () -> {
            DixaOutcome<T> outcome = attemptOnce(endpoint, request, bodyType, calls);
            if (outcome.kind() == Kind.TRANSIENT) {
                throw new TransientFailure(outcome);
            }
            return outcome;
        };
        DixaOutcome<T> outcome;
        try {
            outcome = endpoint.safeToRepeat() ? guarded(attempt) : attempt.get();
        } catch (TransientFailure exhausted) {
            @SuppressWarnings("unchecked")
            DixaOutcome<T> last = (DixaOutcome<T>) exhausted.outcome;
            outcome = last;
        }
        return outcome.withCalls(calls);
    }

    @SuppressWarnings("unchecked")
    private <T> DixaOutcome<T> guarded(Supplier<DixaOutcome<T>> attempt) {
        return retry.get((Supplier<DixaOutcome>) (Supplier<?>) attempt, DixaOutcome.class);
    }

    private <T> DixaOutcome<T> attemptOnce(DixaEndpoint endpoint, Supplier<Response> request, GenericType<T> bodyType,
            List<DixaCall> calls) {
        if (heldBack(endpoint)) {
            return DixaOutcome.failure(Kind.PAUSED, "processing is paused", null, calls);
        }
        try {
            if (!governor.acquire(config.rateLimit().maxWait())) {
                return DixaOutcome.failure(Kind.RATE_LIMITED, "local rate budget exhausted", null, calls);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DixaOutcome.failure(Kind.TRANSIENT, "interrupted while waiting for the rate budget", null, calls);
        } catch (DixaRateGovernor.BudgetUnavailableException e) {
            // The shared budget lives in PostgreSQL: while it cannot be read, no call goes out; tried again later.
            return DixaOutcome.failure(Kind.TRANSIENT, "the shared rate budget could not be read", null, calls);
        }
        // Asked again after the wait for rate budget, which can outlast a pause: the last check before the write.
        if (heldBack(endpoint)) {
            return DixaOutcome.failure(Kind.PAUSED, "processing is paused", null, calls);
        }
        DixaOutcome<T> outcome = DixaExchange.perform(endpoint, request, bodyType, calls);
        if (outcome.kind() == Kind.RATE_LIMITED) {
            governor.onTooManyRequests(outcome.retryAfter());
        }
        DixaCall last = calls.get(calls.size() - 1);
        Timer.builder("dixa.calls").description("Calls to the Dixa API by endpoint and outcome")
                .tag("endpoint", endpoint.name()).tag("outcome", outcome.kind().name())
                .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(5))
                .maximumExpectedValue(java.time.Duration.ofSeconds(30))
                .register(registry).record(last.duration());
        return outcome;
    }

    private boolean heldBack(DixaEndpoint endpoint) {
        return endpoint.writes() && writeGate.paused();
    }

    static <T> DixaOutcome<T> unwrap(DixaOutcome<Envelope<T>> outcome) {
        return outcome.map(Envelope::data);
    }

    /**
     * An anonymize call's 202, read leniently ({@link AnonymizationRequestStatus#leniently}); one that names no
     * request id is a lost answer (transient, with the call recorded): Dixa may have queued a request nobody can follow.
     */
    static DixaOutcome<AnonymizationRequestStatus> accepted(DixaOutcome<Envelope<JsonNode>> outcome) {
        if (!outcome.isOk()) {
            return outcome.map(envelope -> null);
        }
        return AnonymizationRequestStatus.leniently(outcome.value() == null ? null : outcome.value().data())
                .map(status -> outcome.map(envelope -> status))
                .orElseGet(() -> DixaOutcome.failure(Kind.TRANSIENT, "accepted without a readable request id", null,
                        outcome.calls()));
    }

    /** Carries a transient outcome through the retry guard; never leaves this class. */
    private static final class TransientFailure extends RuntimeException {
        private final transient DixaOutcome<?> outcome;

        TransientFailure(DixaOutcome<?> outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }
    }
}
