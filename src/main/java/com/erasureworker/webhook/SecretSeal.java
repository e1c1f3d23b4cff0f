package com.erasureworker.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals subscription signing secrets at rest (AES-256-GCM, key derived from {@code WEBHOOK_SECRET_KEY}): the delivery
 * job must read a secret to sign with it, so it cannot be hashed; sealed, a copy of the database alone does not let
 * anyone forge deliveries. Production refuses to start without the key ({@link WebhookKeyGuard}).
 */
@ApplicationScoped
class SecretSeal {

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretSeal(WebhookConfig config) {
        // Without a key (a misconfigured non-production run) sealing fails loudly at first use, never silently in clear.
        this.key = config.secretKey().filter(value -> !value.isBlank()).map(SecretSeal::derive).orElse(null);
    }

    String seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, secret.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                .put(sealed).array());
    }

    String open(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, body), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, byte[] input) {
        if (key == null) {
            throw new IllegalStateException("WEBHOOK_SECRET_KEY is not set: webhook secrets cannot be sealed or opened");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook secret could not be sealed or opened (was WEBHOOK_SECRET_KEY "
                    + "changed?)", e);
        }
    }

    private static SecretKeySpec derive(String configured) {
        try {
            return new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(configured.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
