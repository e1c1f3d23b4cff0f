package com.erasureworker.simulator;

/** A conversation's state exactly as Dixa names it in {@code Conversation.state}. */
public enum ConversationState {
    AwaitingPending, Closed, Open, Pending;

    /** The lowercase status the filtered search speaks ({@code open|closed|pending}). */
    String searchStatus() {
        return switch (this) {
            case Open -> "open";
            case Closed -> "closed";
            // Dixa's search knows no "awaitingpending"; both waiting states count as pending.
            case Pending, AwaitingPending -> "pending";
        };
    }
}
