package com.erasureworker.dixa;

/** Dixa wraps single results as {@code {"data": ...}}. */
record Envelope<T>(T data) {
}
