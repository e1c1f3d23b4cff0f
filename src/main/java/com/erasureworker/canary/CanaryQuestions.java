package com.erasureworker.canary;

import com.erasureworker.canary.CanaryReport.Answer;
import com.erasureworker.dixa.AnonymizationRequestStatus;
import com.erasureworker.dixa.DixaCall;
import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.dixa.DixaConfig.AnonymizedRead;
import com.erasureworker.dixa.DixaConfig.DuplicateAnonymize;
import com.erasureworker.dixa.DixaEndpoint;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.DixaTenantProbe;
import com.erasureworker.dixa.DixaTenantProbe.ReadBack;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * After the canary's ticket ended: reads everything back and asks Dixa the questions its specification leaves open
 * (README, open questions), recording each answer verbatim. Only the canary's synthetic conversations are read or touched.
 */
@ApplicationScoped
class CanaryQuestions {

    private static final Pattern AUTHOR_ID = Pattern.compile("\"author\"\\s*:\\s*\\{[^}]*?\"id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    /** What was learnt; {@code anonymized} and {@code messagesClean} decide whether the run passed. */
    record Findings(List<Answer> answers, CanaryReport.Scope scope, boolean anonymized, boolean messagesClean,
            List<String> advice, List<DixaCall> calls, boolean endUserAnonymizeAsked) {
    }

    private final DixaClient dixa;
    private final DixaTenantProbe probe;
    private final DixaConfig config;

    CanaryQuestions(DixaClient dixa, DixaTenantProbe probe, DixaConfig config) {
        this.dixa = dixa;
        this.probe = probe;
        this.config = config;
    }

    Findings ask(CanaryRun run, UUID canaryRequestId) {
        List<Answer> answers = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        List<DixaCall> calls = new ArrayList<>();
        long csid = run.conversationId;

        DixaOutcome<String> conversation = probe.readBack(ReadBack.CONVERSATION, csid);
        calls.addAll(conversation.calls());
        boolean readable = conversation.isOk() && conversation.value().contains("\"anonymizedAt\"");
        boolean anonymized = readable || conversation.kind() == DixaOutcome.Kind.NOT_FOUND
                && config.anonymizedConversationRead() == AnonymizedRead.NOT_FOUND;
        answers.add(answer("§9.3/§9.7 What does reading an anonymized conversation answer?",
                "GET /conversations/{id}", conversation, readable ? "200 with anonymizedAt (AnonymizedConversation)"
                        : conversation.kind() == DixaOutcome.Kind.NOT_FOUND ? "404: the anonymized conversation is gone"
                        : "no anonymizedAt"));
        if (conversation.kind() == DixaOutcome.Kind.NOT_FOUND && config.anonymizedConversationRead() != AnonymizedRead.NOT_FOUND) {
            advice.add("Dixa answers an anonymized conversation with 404: set DIXA_ANONYMIZED_CONVERSATION_READ=not-found");
        }
        if (readable && config.anonymizedConversationRead() == AnonymizedRead.NOT_FOUND) {
            advice.add("Dixa answers an anonymized conversation with 200: DIXA_ANONYMIZED_CONVERSATION_READ=readable is stricter");
        }
        Boolean markerInAttributes = conversation.isOk() ? customAttributesHold(conversation.value(), run) : null;

        DixaOutcome<String> messages = probe.readBack(ReadBack.MESSAGES, csid);
        calls.addAll(messages.calls());
        Boolean markerInMessages = messages.isOk() ? messages.value().contains(run.marker)
                : messages.kind() == DixaOutcome.Kind.NOT_FOUND ? Boolean.FALSE : null;
        answers.add(answer("§9.7 What do the messages of an anonymized conversation read as?",
                "GET /conversations/{id}/messages", messages, markerInMessages == null ? "could not be read"
                        : markerInMessages ? "the marker text is still in the messages" : "the marker text is gone"));

        DixaOutcome<String> notes = probe.readBack(ReadBack.NOTES, csid);
        calls.addAll(notes.calls());
        Boolean markerInNotes = notes.isOk() ? notes.value().contains(run.marker) : null;
        answers.add(answer("§9.5 Are internal notes scrubbed?", "GET /conversations/{id}/notes", notes,
                markerInNotes == null ? "could not be read" : markerInNotes ? "internal notes are kept" : "notes are scrubbed"));

        DixaOutcome<String> log = probe.readBack(ReadBack.ACTIVITY_LOG, csid);
        calls.addAll(log.calls());
        Boolean markerInLog = log.isOk() ? log.value().contains(run.marker) : null;
        Boolean nonUuidAuthors = log.isOk() ? AUTHOR_ID.matcher(log.value()).results()
                .anyMatch(m -> !UUID_TEXT.matcher(m.group(1)).matches()) : null;
        answers.add(answer("§9.5 Does the activity log still quote the canary's text, and who are its authors?",
                "GET /conversations/{id}/activitylog", log, markerInLog == null ? "could not be read"
                        : (markerInLog ? "the marker survives in the activity log" : "no marker in the activity log")
                        + (Boolean.TRUE.equals(nonUuidAuthors) ? "; some author ids are not uuids" : "; author ids are uuids")));
        answers.add(new Answer("§9.5 Are custom attributes kept?", "GET /conversations/{id} customAttributes",
                conversation.lastStatus(), null, markerInAttributes == null ? "could not be read"
                        : markerInAttributes ? "custom attributes are kept (the ticket reference is still set)"
                        : "no custom attribute holds the ticket reference or marker"));

        DixaOutcome<AnonymizationRequestStatus> again = dixa.anonymizeConversation(csid, false);
        calls.addAll(again.calls());
        String repeat = again.isOk() ? (again.value().id().equals(canaryRequestId) ? "202 with the earlier request"
                : "202 with a new request id") : again.kind() + ": a repeat is refused";
        // The gateway may follow a 409 with a read (DIXA_DUPLICATE_ANONYMIZE=conflict): report the PATCH's own status.
        int repeatStatus = again.calls().stream().filter(c -> c.endpoint() == DixaEndpoint.ANONYMIZE_CONVERSATION)
                .reduce((first, second) -> second).map(DixaCall::status).orElse(0);
        answers.add(new Answer("§9.1 What does a second anonymize of the same conversation answer?",
                "PATCH /conversations/{id}/anonymize", repeatStatus, again.message(), repeat));
        if (repeatStatus == 409 && config.duplicateAnonymize() == DuplicateAnonymize.ACCEPT) {
            advice.add("Dixa answers a repeated anonymize with 409: set DIXA_DUPLICATE_ANONYMIZE=conflict");
        }
        if (again.isOk() && config.duplicateAnonymize() == DuplicateAnonymize.CONFLICT) {
            advice.add("Dixa accepts a repeated anonymize (202): DIXA_DUPLICATE_ANONYMIZE=accept matches this tenant");
        }

        if (run.openConversationId != null) {
            DixaOutcome<AnonymizationRequestStatus> open = dixa.anonymizeConversation(run.openConversationId, false);
            calls.addAll(open.calls());
            answers.add(answer("§9.2 What does a 409 say for an open conversation without force?",
                    "PATCH /conversations/{id}/anonymize?force=false", open, open.kind() == DixaOutcome.Kind.CONFLICT
                            ? "409: the open-conversation safeguard" : "not refused: " + open.kind()));
            DixaOutcome<AnonymizationRequestStatus> forced = dixa.anonymizeConversation(run.openConversationId, true);
            calls.addAll(forced.calls());
            answers.add(answer("§9.6 Does force=true close and anonymize an open conversation? (also cleans up)",
                    "PATCH /conversations/{id}/anonymize?force=true", forced, forced.isOk() ? "accepted" : "refused"));
        }

        if (run.endUserId != null) {
            // The end-user path, asked last, which also leaves no canary end user behind un-anonymized. The next run
            // makes a new one: Dixa's cascade of this request must not reach the next run's conversations.
            DixaOutcome<AnonymizationRequestStatus> user = dixa.anonymizeEndUser(run.endUserId, false);
            calls.addAll(user.calls());
            answers.add(answer("Does anonymizing the canary end user work? (the end-user path; also cleans up)",
                    "PATCH /endusers/{id}/anonymize", user, user.isOk() ? "accepted (request " + user.value().id() + ")"
                            : user.kind() == DixaOutcome.Kind.CONFLICT ? "409: refused (already anonymized or queued)"
                            : "refused: " + user.kind()));
        }

        DixaOutcome<AnonymizationRequestStatus> unknown = dixa.getAnonymizationRequest(UUID.randomUUID());
        calls.addAll(unknown.calls());
        answers.add(answer("§9.4 What does the status of a request id that does not exist answer?",
                "GET /anonymization/request/{id}", unknown, unknown.kind() == DixaOutcome.Kind.NOT_FOUND
                        ? "404 for an unknown id" : unknown.kind() + " (401/403: the token lacks the right)"));

        CanaryReport.Scope scope = new CanaryReport.Scope(markerInMessages, markerInNotes, markerInAttributes,
                markerInLog, nonUuidAuthors);
        return new Findings(answers, scope, anonymized, Boolean.FALSE.equals(markerInMessages), advice, calls,
                run.endUserId != null);
    }

    /** The attribute the pipeline sets holds the ticket reference; the marker itself is never written there. */
    private static boolean customAttributesHold(String conversation, CanaryRun run) {
        int start = conversation.indexOf("\"customAttributes\"");
        if (start < 0) {
            return false;
        }
        String attributes = conversation.substring(start);
        return attributes.contains(run.ticketRef) || attributes.contains(run.marker);
    }

    private static Answer answer(String question, String request, DixaOutcome<?> outcome, String observation) {
        return new Answer(question, request, outcome.lastStatus(), outcome.message(), observation);
    }
}
