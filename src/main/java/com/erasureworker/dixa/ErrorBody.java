package com.erasureworker.dixa;

/** Dixa's error body for every status: {@code {"message": "..."}}. */
record ErrorBody(String message) {
}
