package com.erasureworker.dixa;

/**
 * The Dixa operations the worker calls, with the path template recorded in the audit trail (never a concrete path
 * with ids or query values) and whether repeating the call is harmless, which decides in-call retries.
 */
public enum DixaEndpoint {
    GET_CONVERSATION("GET", "/conversations/{conversationId}", true),
    CLOSE_CONVERSATION("PUT", "/conversations/{conversationId}/close", true),
    ANONYMIZE_CONVERSATION("PATCH", "/conversations/{conversationId}/anonymize", true),
    ANONYMIZE_MESSAGE("PATCH", "/conversations/{conversationId}/messages/{messageId}/anonymize", true),
    ANONYMIZE_END_USER("PATCH", "/endusers/{userId}/anonymize", true),
    GET_ANONYMIZATION_REQUEST("GET", "/anonymization/request/{requestId}", true),
    FIND_END_USERS_BY_EMAIL("GET", "/endusers?email", true),
    FIND_END_USERS_BY_PHONE("GET", "/endusers?phone", true),
    LIST_END_USER_CONVERSATIONS("GET", "/endusers/{userId}/conversations", true),
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
    CREATE_END_USER("POST", "/endusers", false);

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
}
