package com.erasureworker.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's per-session CSRF tokens. A random value lives in an HttpOnly, SameSite=Strict cookie; the token the
 * pages carry (form field and htmx header) is an HMAC of that value and the signed-in user under the session key, so a
 * token neither works in another browser session nor for another user, and no server-side state is kept.
 */
@ApplicationScoped
public class CsrfTokens {

    public static final String COOKIE = "console-csrf";
    public static final String FIELD = "csrf-token";
    public static final String HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;

    CsrfTokens(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        // Without a configured key (refused in production) a random one: tokens then last as long as this process.
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        this.key = sessionKey.filter(k -> !k.isBlank()).map(k -> ("csrf|" + k).getBytes(StandardCharsets.UTF_8))
                .orElse(random);
    }

    /** A fresh random cookie value. */
    public String newCookieValue() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token pages carry for this cookie value and user. */
    public String token(String cookieValue, String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((cookieValue + "|" + user).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether {@code presented} is the token of this cookie value and user (constant time). */
    public boolean matches(String presented, String cookieValue, String user) {
        if (presented == null || cookieValue == null || user == null) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token(cookieValue, user).getBytes(StandardCharsets.UTF_8));
    }
}
