package com.erasureworker.dixa;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.dixa.DixaOutcome.Kind;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.erasureworker.simulator.FaultKind;
import com.erasureworker.simulator.SimCall;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway against the stateful simulator: every answer Dixa can give maps to the right typed outcome. */
@QuarkusTest
class DixaClientTest {

    @Inject
    DixaClient dixa;

    @Inject
    DixaSimulator simulator;

    private UUID customer;

    @BeforeEach
    void freshDixa() {
        simulator.reset();
        simulator.disableRateLimit();
        customer = simulator.addEndUser("jane@example.com", "+4520000017");
    }

    @Test
    void readsAConversationAndSendsTheTokenRawInTheAuthorizationHeader() {
        long id = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());

        DixaOutcome<Conversation> outcome = dixa.getConversation(id);

        assertThat(outcome.kind()).isEqualTo(Kind.OK);
        assertThat(outcome.value().id()).isEqualTo(id);
        assertThat(outcome.value().state()).isEqualTo("Open");
        assertThat(simulator.calls()).singleElement().satisfies(call -> {
            assertThat(call.authorization()).isEqualTo("test-simulator-token");
            assertThat(call.path()).isEqualTo("/v1/conversations/" + id);
        });
    }

    @Test
    void mapsAnUnknownConversationToNotFoundWhichIsPermanent() {
        DixaOutcome<Conversation> outcome = dixa.getConversation(987_654_321L);

        assertThat(outcome.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(outcome.kind().permanent()).isTrue();
        assertThat(outcome.calls()).singleElement().satisfies(call -> {
            assertThat(call.status()).isEqualTo(404);
            assertThat(call.endpoint().pathTemplate()).isEqualTo("/conversations/{conversationId}");
        });
    }

    @Test
    void mapsAnonymizingAnOpenConversationWithoutForceToConflictAndNothingIsQueued() {
        long id = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());

        DixaOutcome<AnonymizationRequestStatus> outcome = dixa.anonymizeConversation(id, false);

        assertThat(outcome.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(outcome.message()).startsWith("HTTP 409");
        assertThat(simulator.anonymizationRequests()).isEmpty();
    }

    @Test
    void returnsTheQueuedRequestWhenAClosedConversationIsAnonymized() {
        long id = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());

        DixaOutcome<AnonymizationRequestStatus> outcome = dixa.anonymizeConversation(id, false);

        assertThat(outcome.kind()).isEqualTo(Kind.OK);
        assertThat(outcome.value().targetEntityId()).isEqualTo(Long.toString(id));
        assertThat(outcome.value().initiatedAt()).isNotNull();
        assertThat(dixa.getAnonymizationRequest(outcome.value().id()).value().id()).isEqualTo(outcome.value().id());
    }

    @Test
    void mapsClosingWithAnUnknownAgentToBadRequestWithDixasReason() {
        long id = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());

        DixaOutcome<Void> outcome = dixa.closeConversation(id, UUID.randomUUID());

        assertThat(outcome.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(outcome.message()).contains("User not found");
        assertThat(simulator.conversation(id).orElseThrow().state()).isEqualTo(ConversationState.Open);
    }

    @Test
    void closesAConversationCreditedToTheConfiguredAgent() {
        long id = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());

        DixaOutcome<Void> outcome = dixa.closeConversation(id, simulator.configuredAgentId());

        assertThat(outcome.kind()).isEqualTo(Kind.OK);
        assertThat(simulator.conversation(id).orElseThrow().state()).isEqualTo(ConversationState.Closed);
    }

    @Test
    void mapsTooManyRequestsToRateLimitedWithRetryAfterAndDoesNotRetryItInsideTheCall() {
        simulator.setRetryAfterOn429(Duration.ofSeconds(1));
        simulator.faults().failNext(FaultKind.TOO_MANY_REQUESTS, 1);

        DixaOutcome<Conversation> outcome = dixa.getConversation(1);

        assertThat(outcome.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(outcome.retryAfterHint()).contains(Duration.ofSeconds(1));
        assertThat(outcome.calls()).hasSize(1);
    }

    @Test
    void retriesAServerErrorAndSucceedsRecordingBothCalls() {
        long id = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        simulator.faults().failNext(FaultKind.SERVER_ERROR, 1);

        DixaOutcome<Conversation> outcome = dixa.getConversation(id);

        assertThat(outcome.kind()).isEqualTo(Kind.OK);
        assertThat(outcome.calls()).extracting(DixaCall::status).containsExactly(500, 200);
    }

    @Test
    void givesUpWithTransientAfterTheConfiguredRetries() {
        simulator.faults().failNext(FaultKind.SERVER_ERROR, 10);

        DixaOutcome<Conversation> outcome = dixa.getConversation(1);

        assertThat(outcome.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(outcome.kind().permanent()).isFalse();
        assertThat(outcome.calls()).extracting(DixaCall::status).containsExactly(500, 500, 500);
    }

    @Test
    void mapsAResetConnectionToTransientAndRetriesIt() {
        long id = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        simulator.faults().failNext(FaultKind.CONNECTION_RESET, 1);

        DixaOutcome<Conversation> outcome = dixa.getConversation(id);

        assertThat(outcome.kind()).isEqualTo(Kind.OK);
        assertThat(outcome.calls().get(0).status()).isZero();
        assertThat(outcome.calls().get(0).failure()).isEqualTo("connection reset");
    }

    @Test
    void mapsAnAnswerSlowerThanTheReadTimeoutToTransient() {
        simulator.faults().slow(0, Duration.ofMillis(2500)).failNext(FaultKind.SLOW, 3);

        DixaOutcome<Conversation> outcome = dixa.getConversation(1);

        assertThat(outcome.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(outcome.calls()).allSatisfy(call -> assertThat(call.failure()).isEqualTo("timeout"));
    }

    @Test
    void neverRepeatsAnAnonymizeInsideTheCallBecauseDixaMayHaveAcceptedIt() {
        long id = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());
        simulator.faults().failNext(FaultKind.EFFECT_THEN_SERVER_ERROR, 1);

        DixaOutcome<AnonymizationRequestStatus> outcome = dixa.anonymizeConversation(id, false);

        // The caller learns the answer was lost (pipeline/LostAnswers reads before asking again); Dixa has one request.
        assertThat(outcome.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(outcome.calls()).extracting(DixaCall::status).containsExactly(500);
        assertThat(simulator.anonymizationRequests()).hasSize(1);
    }

    @Test
    void neverRepeatsAnInternalNoteInsideTheCallBecauseAgentsWouldSeeItTwice() {
        long id = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
        simulator.faults().failNext(FaultKind.EFFECT_THEN_SERVER_ERROR, 1);

        DixaOutcome<InternalNote> outcome = dixa.addInternalNote(id, "Data-protection ticket T-1", simulator.configuredAgentId());

        assertThat(outcome.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(outcome.calls()).hasSize(1);
        assertThat(simulator.conversation(id).orElseThrow().notes()).hasSize(1);
    }

    @Test
    void followsEveryPageOfAnEndUsersConversations() {
        List<Long> ids = IntStream.range(0, 120)
                .mapToObj(i -> simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now()))
                .toList();

        DixaOutcome<List<Conversation>> outcome = dixa.listEndUserConversations(customer);

        assertThat(outcome.kind()).isEqualTo(Kind.OK);
        assertThat(outcome.value()).extracting(Conversation::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(outcome.calls()).hasSizeGreaterThan(1);
    }

    @Test
    void findsEndUsersByEmailAndByPhoneWithoutTheAddressInAnyRecordedPath() {
        assertThat(dixa.findEndUsersByEmail("jane@example.com").value()).extracting(EndUser::id).containsExactly(customer);
        assertThat(dixa.findEndUsersByPhone("+4520000017").value()).extracting(EndUser::id).containsExactly(customer);
        assertThat(dixa.findEndUsersByEmail("nobody@example.com").value()).isEmpty();
        assertThat(simulator.calls()).extracting(SimCall::path).allMatch(path -> !path.contains("@"));
    }

    @Test
    void anonymizesAMessageAndAnEndUserWithForce() {
        long id = simulator.addConversation(customer, ConversationState.Open, "Email", Instant.now());
        UUID message = simulator.addMessage(id, customer, "my card number is 4111");

        assertThat(dixa.anonymizeMessage(id, message).kind()).isEqualTo(Kind.CONFLICT);
        DixaOutcome<AnonymizationRequestStatus> user = dixa.anonymizeEndUser(customer, true);

        assertThat(user.kind()).isEqualTo(Kind.OK);
        assertThat(user.value().targetEntityId()).isEqualTo(customer.toString());
        assertThat(simulator.conversation(id).orElseThrow().state()).isEqualTo(ConversationState.Closed);
        assertThat(dixa.anonymizeMessage(id, message).value().targetEntityId()).isEqualTo(id + "_" + message);
    }

    @Test
    void marksAConversationWithACustomAttributeAndReadsItsActivityLog() {
        long id = simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());

        DixaOutcome<List<CustomAttribute>> patched =
                dixa.patchCustomAttributes(id, Map.of(simulator.erasureAttributeId(), "DPO-2026-17"));
        DixaOutcome<List<ActivityLogEntry>> log = dixa.getActivityLog(id);

        assertThat(patched.kind()).isEqualTo(Kind.OK);
        assertThat(simulator.conversation(id).orElseThrow().customAttributes())
                .containsEntry(simulator.erasureAttributeId(), "DPO-2026-17");
        assertThat(log.kind()).isEqualTo(Kind.OK);
        assertThat(log.value()).allSatisfy(entry -> assertThat(entry.conversationId()).isEqualTo(id));
    }

    @Test
    void importsABackDatedClosedConversationAndFindsItWithTheFilteredSearchAcrossPages() {
        Instant longAgo = Instant.now().minus(400, ChronoUnit.DAYS);
        List<Long> old = IntStream.range(0, 60).mapToObj(i -> dixa.importConversation(new ConversationImport("email",
                customer, "Inbound", longAgo, null, null,
                new ConversationImport.Closing(longAgo.plusSeconds(60), simulator.configuredAgentId()))).value()).toList();
        simulator.addConversation(customer, ConversationState.Closed, "Email", Instant.now());

        List<Long> found = new java.util.ArrayList<>();
        DixaOutcome<Long> outcome = DixaPagination.forEachPage(
                key -> dixa.searchConversations(SearchParameters.closedBefore(longAgo.plus(1, ChronoUnit.DAYS), null), 25, key),
                hits -> hits.forEach(hit -> found.add(hit.id())));

        assertThat(outcome.kind()).isEqualTo(Kind.OK);
        assertThat(found).containsExactlyInAnyOrderElementsOf(old);
        assertThat(outcome.calls()).hasSize(3);
        assertThat(simulator.calls()).filteredOn(call -> call.path().endsWith("/conversations/import"))
                .allSatisfy(call -> assertThat(call.path()).startsWith("/beta/"));
    }
}
