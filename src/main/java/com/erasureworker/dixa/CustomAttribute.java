package com.erasureworker.dixa;

import java.util.UUID;

/**
 * A custom attribute as Dixa answers a PATCH: its id and identifier only. Values are never mapped: tenants store
 * anything in them, including personal data; the worker only writes its own marker and needs nothing back.
 */
public record CustomAttribute(UUID id, String identifier) {
}
