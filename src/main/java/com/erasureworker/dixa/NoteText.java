package com.erasureworker.dixa;

import java.util.UUID;

/** An internal note's id and text, as listed by Dixa: only searched for the worker's marker, never stored or logged. */
public record NoteText(UUID id, String message) {

    public boolean contains(String marker) {
        return message != null && message.contains(marker);
    }
}
