package com.erasureworker.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A signed statement "the chain's event {@code sequence} has hash {@code hash}", made at {@code signedAt} with the key
 * {@code keyId}. The signed bytes are {@link #statement}: an auditor rebuilds them and checks the signature with the
 * public key ({@code GET /api/v1/audit-events/public-key}), e.g. with {@code openssl pkeyutl -verify -rawin}.
 */
@Schema(name = "AuditCheckpoint", description = "a chain position signed with the service's Ed25519 audit key")
public record AuditCheckpoint(long sequence, String hash, Instant signedAt, String keyId,
        @Schema(description = "base64 Ed25519 signature of the statement") String signature,
        @Schema(description = "the exact signed text (UTF-8)") String statement) {

    static final String HEADER = "dixa-erasure-worker audit checkpoint v1";

    public AuditCheckpoint(long sequence, String hash, Instant signedAt, String keyId, String signature) {
        this(sequence, hash, signedAt, keyId, signature, statement(sequence, hash, signedAt));
    }

    /** The signed text: four lines, each ending with a line feed. */
    static String statement(long sequence, String hash, Instant signedAt) {
        return HEADER + "\nsequence=" + sequence + "\nhash=" + hash + "\nsignedAt=" + signedAt + "\n";
    }

    byte[] statementBytes() {
        return statement.getBytes(StandardCharsets.UTF_8);
    }
}
