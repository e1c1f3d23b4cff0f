package com.erasureworker.erasure;

/** What the DPO named: exactly one kind of subject per ticket. */
public enum SubjectType {
    END_USER,
    EMAIL,
    PHONE,
    CONVERSATIONS,
    MESSAGES
}
