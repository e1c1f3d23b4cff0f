package com.erasureworker.erasure;

/** The Dixa entity a target erases. */
public enum TargetType {
    USER,
    CONVERSATION,
    MESSAGE
}
