package com.erasureworker.dixa;

/**
 * The Dixa operations the worker calls, with the path template recorded in the audit trail (never a concrete path
 * with ids or query values) and whether repeating the call is harmless, which decides in-call retries.
 */
public enum DixaEndpoint {
    GET_CONVERSATION("GET", "/conversations/{conversationId}", true),
    CLOSE_CONVERSATION("PUT", "/conversations/{conversationId}/close", true),
    // Dixa may accept an anonymize request and still lose the answer (a timeout, a 5xx): a repeat could queue a second
    // request. Never repeated in the call; the step reads first and waits (pipeline/LostAnswers).
    ANONYMIZE_CONVERSATION("PATCH", "/conversations/{conversationId}/anonymize", false),
    ANONYMIZE_MESSAGE("PATCH", "/conversations/{conversationId}/messages/{messageId}/anonymize", false),
    ANONYMIZE_END_USER("PATCH", "/endusers/{userId}/anonymize", false),
    GET_ANONYMIZATION_REQUEST("GET", "/anonymization/request/{requestId}", true),
    FIND_END_USERS_BY_EMAIL("GET", "/endusers?email", true),
    FIND_END_USERS_BY_PHONE("GET", "/endusers?phone", true),
    LIST_END_USER_CONVERSATIONS("GET", "/endusers/{userId}/conversations", true),
    /** Every end user, page by page: the daily re-resolution of e-mail/phone legal holds (addresses hashed at once). */
    LIST_END_USERS("GET", "/endusers", true),
    // A note posted twice is visible to agents: a lost answer is not retried blindly (the caller checks first).
    LIST_INTERNAL_NOTES("GET", "/conversations/{conversationId}/notes", true),
    ADD_INTERNAL_NOTE("POST", "/conversations/{conversationId}/notes", false),
    PATCH_CUSTOM_ATTRIBUTES("PATCH", "/conversations/{conversationId}/custom-attributes", true),
    GET_ACTIVITY_LOG("GET", "/conversations/{conversationId}/activitylog", true),
    SEARCH_CONVERSATIONS("POST", "/search/conversations", true),
    IMPORT_CONVERSATION("POST", "/conversations/import", false),
    LIST_AGENTS("GET", "/agents?pageLimit", true),
    CLAIM_CONVERSATION("PUT", "/conversations/{conversationId}/claim", true),
    READ_BACK_MESSAGES("GET", "/conversations/{conversationId}/messages", true),
    READ_BACK_NOTES("GET", "/conversations/{conversationId}/notes", true),
    READ_BACK_CONVERSATION("GET", "/conversations/{conversationId}", true),
    READ_BACK_ACTIVITY_LOG("GET", "/conversations/{conversationId}/activitylog", true),
    CREATE_END_USER("POST", "/endusers", false),
    LIST_WEBHOOKS("GET", "/webhooks", true),
    // A second subscription would deliver every event twice: not retried blindly (the caller lists first).
    CREATE_WEBHOOK("POST", "/webhooks", false),
    PATCH_WEBHOOK("PATCH", "/webhooks/{webhookSubscriptionId}", true);

    private final String method;
    private final String pathTemplate;
    private final boolean safeToRepeat;

    DixaEndpoint(String method, String pathTemplate, boolean safeToRepeat) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.safeToRepeat = safeToRepeat;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    public boolean safeToRepeat() {
        return safeToRepeat;
    }

    /**
     * Whether the call changes something at Dixa (anonymize, close, claim, note, attribute, import, end user): the
     * calls the emergency pause holds back. The filtered search is a POST that only reads.
     */
    public boolean writes() {
        return !"GET".equals(method) && this != SEARCH_CONVERSATIONS;
    }
}
