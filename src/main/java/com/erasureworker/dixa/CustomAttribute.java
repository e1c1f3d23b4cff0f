package com.erasureworker.dixa;

import java.util.UUID;

/** A custom attribute value on a conversation; {@code value} is a string or a list of strings. */
public record CustomAttribute(UUID id, String name, String identifier, Object value) {
}
