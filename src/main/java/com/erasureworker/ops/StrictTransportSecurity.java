package com.erasureworker.ops;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Adds {@code Strict-Transport-Security} to every answer that reached the client over https: directly, or through a
 * trusted proxy that said so ({@code X-Forwarded-Proto}/{@code Forwarded}, see docs/behind-a-proxy.md). Plain http
 * answers (the local run, an untrusted peer's claims) carry none; browsers ignore it there anyway (RFC 6797 §8.1).
 */
@ApplicationScoped
public class StrictTransportSecurity {

    private final String value;

    StrictTransportSecurity(@ConfigProperty(name = "http.hsts.max-age", defaultValue = "365d") Duration maxAge) {
        this.value = maxAge.isZero() ? null : "max-age=" + maxAge.toSeconds();
    }

    void install(@Observes Router router) {
        if (value == null) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (context.request().isSSL()) {
                context.response().headers().set("Strict-Transport-Security", value);
            }
            context.next();
        });
    }
}
