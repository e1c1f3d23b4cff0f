package com.erasureworker.api;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Signs RS256 JWTs with a key pair made for this test run, standing in for the identity provider: the worker is
 * configured with the public key only (quarkus.oidc.public-key), exactly as it would trust a provider's key.
 */
final class LocalTokens {

    static final String ISSUER = "https://sign-in.test";
    private static final KeyPair KEYS = generate();

    private LocalTokens() {
    }

    static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    static final String AUDIENCE = "dixa-erasure-worker";

    static String token(String subject, List<String> groups, Instant expires) {
        return sign(KEYS, subject, groups, expires, AUDIENCE, "");
    }

    /** With a {@code name} claim (the person's display name). */
    static String token(String subject, String name, List<String> groups, Instant expires) {
        return sign(KEYS, subject, groups, expires, AUDIENCE, ",\"name\":\"" + name + "\"");
    }

    /** A valid token of the same issuer, made for another application: must be refused. */
    static String forAnotherAudience(String subject, List<String> groups) {
        return sign(KEYS, subject, groups, Instant.now().plusSeconds(300), "some-other-app", "");
    }

    /** A well-formed token signed by some other key: must be refused. */
    static String forged(String subject, List<String> groups) {
        return sign(generate(), subject, groups, Instant.now().plusSeconds(300), AUDIENCE, "");
    }

    private static String sign(KeyPair keys, String subject, List<String> groups, Instant expires, String audience,
            String extraClaims) {
        String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = encode("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject + "\",\"preferred_username\":\""
                + subject + "\",\"groups\":[" + String.join(",", groups.stream().map(g -> "\"" + g + "\"").toList())
                + "]" + extraClaims + ",\"iat\":" + Instant.now().minusSeconds(5).getEpochSecond() + ",\"exp\":" + expires.getEpochSecond() + "}");
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
