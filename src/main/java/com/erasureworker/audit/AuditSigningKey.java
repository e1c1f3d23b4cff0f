package com.erasureworker.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Ed25519 key that signs audit checkpoints. It lives outside the database ({@code AUDIT_SIGNING_KEY}, PKCS#8 as
 * made by {@code openssl genpkey -algorithm ed25519}, base64 or PEM), so neither database role can forge a checkpoint.
 * The public key is derived from it and served to auditors, who verify checkpoints without trusting the service.
 */
@ApplicationScoped
public class AuditSigningKey {

    static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    AuditSigningKey(@ConfigProperty(name = "audit.signing-key") Optional<String> encoded) {
        KeyPair pair = read(encoded.orElseThrow(() -> new IllegalStateException(
                "AUDIT_SIGNING_KEY is not set: make one with `openssl genpkey -algorithm ed25519` (README, "
                        + "\"Signed checkpoints\").")));
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    /** Reads a PKCS#8 Ed25519 private key (base64 DER, or PEM) and derives its public key. */
    static KeyPair read(String encoded) {
        String base64 = encoded.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
            // The JDK has no "public key of this private key"; its generator turns 32 random bytes into a pair, so
            // feeding it the private key's bytes gives the matching public key.
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] probe = "probe".getBytes();
            if (!verify(pair.getPublic(), probe, sign(key, probe))) {
                throw new IllegalStateException("the public key derived from AUDIT_SIGNING_KEY does not match it");
            }
            return new KeyPair(pair.getPublic(), key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("AUDIT_SIGNING_KEY is not a base64 PKCS#8 Ed25519 private key "
                    + "(make one with `openssl genpkey -algorithm ed25519`).", e);
        }
    }

    /** Base64 of the signature of {@code message}. */
    public String sign(byte[] message) {
        return Base64.getEncoder().encodeToString(sign(privateKey, message));
    }

    public boolean verify(byte[] message, String signature) {
        try {
            return verify(publicKey, message, Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** X.509 SubjectPublicKeyInfo, base64: what {@code openssl pkey -pubout} prints between the PEM lines. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + publicKeyBase64() + "\n-----END PUBLIC KEY-----\n";
    }

    /** First 16 bytes of SHA-256 of the public key, hex: names the key a checkpoint was signed with. */
    public String keyId() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A "random" source that hands out the given bytes: lets the key generator rebuild a known key pair. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }
}
