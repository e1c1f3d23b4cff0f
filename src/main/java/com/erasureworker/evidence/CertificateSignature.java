package com.erasureworker.evidence;

import com.erasureworker.audit.AuditSigningKey;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The signature of a JSON certificate: the audit key (Ed25519, the key of the checkpoints) signs a two-line statement
 * naming the SHA-256 of the certificate's RFC 8785 canonical form without this member. Signing the digest rather
 * than the whole form keeps a streamed certificate of any size in flat memory (Ed25519 needs its whole message at
 * once); an auditor recomputes the digest, rebuilds the statement and checks it (docs/verifying-proof.md, §5).
 */
@Schema(name = "CertificateSignature", description = "Ed25519 signature over the certificate's canonical form's SHA-256")
public record CertificateSignature(
        @Schema(description = "Ed25519") String alg,
        @Schema(description = "the audit key's id, as GET /api/v1/audit-events/public-key gives it") String keyId,
        @Schema(description = "SHA-256 (hex) of the RFC 8785 form of the certificate without `signature`") String sha256,
        @Schema(description = "base64 Ed25519 signature of the statement") String value) {

    /** The member of the certificate that carries the signature; it is not part of the signed bytes. */
    public static final String MEMBER = "signature";
    static final String HEADER = "dixa-erasure-worker certificate v1";

    /** The signed bytes: the header line and {@code sha256=<hex>}, each ending with a line feed. */
    public static String statement(String sha256) {
        return HEADER + "\nsha256=" + sha256 + "\n";
    }

    static CertificateSignature sign(String sha256, AuditSigningKey key) {
        return new CertificateSignature("Ed25519", key.keyId(), sha256,
                key.sign(statement(sha256).getBytes(StandardCharsets.UTF_8)));
    }
}
