package com.erasureworker.dixaevents;

import java.util.List;
import java.util.UUID;

/** The worker's webhook subscription at Dixa after creating or updating it (never its credentials or secret key). */
public record DixaSubscriptionView(String action, UUID id, String name, String url, List<String> events,
        boolean enabled) {
}
