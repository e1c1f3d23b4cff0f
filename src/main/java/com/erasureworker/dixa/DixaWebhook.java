package com.erasureworker.dixa;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/**
 * A Dixa webhook subscription, as far as the worker reads it: id, name, URL, events and whether it is enabled. Its
 * {@code headers} (our credentials) and {@code secretKey} are deliberately not mapped, so they are never kept or shown.
 */
public record DixaWebhook(UUID id, String name, String url, List<String> subscribedEvents, Boolean enabled) {

    /** Create and patch body: Basic authorization towards the worker's inbound endpoint. */
    public record Input(String name, String url, List<String> events, Authorization authorization, boolean enabled) {
    }

    /** {@code BasicAuth} in Dixa's spec ({@code _type} discriminator). */
    public record Authorization(@JsonProperty("_type") String type, String username, String password) {

        public static Authorization basic(String username, String password) {
            return new Authorization("BasicAuth", username, password);
        }

        @Override
        public String toString() {
            return "Authorization[" + type + "]";
        }
    }
}
