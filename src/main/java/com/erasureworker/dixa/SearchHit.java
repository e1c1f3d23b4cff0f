package com.erasureworker.dixa;

/** One result of the filtered conversation search; highlights (which quote content) are not mapped. */
public record SearchHit(long id) {
}
