package com.erasureworker.privacy;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keyed hash (HMAC-SHA256, hex) that stands in for what must not be stored: a subject's e-mail or phone, a
 * request's content, free text that must not enter the immutable audit chain. Keyed, so that a leaked table cannot be
 * matched against a list of addresses without the key.
 */
/* Created at start-up so that a missing or short key stops the start, not the first submission. */
@Startup
@ApplicationScoped
public class KeyedHash {

    public static final int MIN_KEY_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    @Inject
    public KeyedHash(@ConfigProperty(name = "erasure.hash-key") Optional<String> hashKey) {
        String value = hashKey.orElse("");
        if (value.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("erasure.hash-key (ERASURE_HASH_KEY) must be set to a secret of at least "
                    + MIN_KEY_LENGTH + " characters: it keys the hashes that replace e-mail addresses and phone numbers. "
                    + "Keep it stable: a new key makes resubmissions and subject searches miss earlier tickets.");
        }
        this.key = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The keyed hash of {@code text}; null for null. */
    public String keyedHash(String text) {
        if (text == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
