package com.erasureworker.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A signed statement "the chain's event {@code sequence} has hash {@code hash}", made at {@code signedAt} with the key
 * {@code keyId}; from form 2 on it also names the checkpoint before it ({@code previousSequence}, {@code previousHash},
 * {@code previousSignature}; 0, 64 zeros and "" for the first), so the checkpoints form a chain of their own. The
 * signed bytes are {@link #statement}: an auditor rebuilds them and checks the signature with the public key
 * ({@code GET /api/v1/audit-events/public-key}), e.g. with {@code openssl pkeyutl -verify -rawin}
 * (docs/verifying-proof.md).
 */
@Schema(name = "AuditCheckpoint", description = "a chain position signed with the service's Ed25519 audit key")
public record AuditCheckpoint(long sequence, String hash, Instant signedAt, String keyId,
        @Schema(description = "base64 Ed25519 signature of the statement") String signature,
        @Schema(description = "1: no link to the previous checkpoint (before V31); 2: linked") int form,
        Long previousSequence, String previousHash, String previousSignature,
        @Schema(description = "the exact signed text (UTF-8)") String statement) {

    static final String HEADER = "dixa-erasure-worker audit checkpoint v1";
    static final String HEADER_V2 = "dixa-erasure-worker audit checkpoint v2";

    /** A form 1 checkpoint (signed before V31). */
    public AuditCheckpoint(long sequence, String hash, Instant signedAt, String keyId, String signature) {
        this(sequence, hash, signedAt, keyId, signature, 1, null, null, null, statement(sequence, hash, signedAt));
    }

    /** A form 2 checkpoint, linked to {@code previous} (null for the first checkpoint of the chain). */
    static AuditCheckpoint linked(long sequence, String hash, Instant signedAt, String keyId, String signature,
            AuditCheckpoint previous) {
        long previousSequence = previous == null ? 0 : previous.sequence();
        String previousHash = previous == null ? AuditChainHead.GENESIS : previous.hash();
        String previousSignature = previous == null ? "" : previous.signature();
        return linked(sequence, hash, signedAt, keyId, signature, previousSequence, previousHash, previousSignature);
    }

    static AuditCheckpoint linked(long sequence, String hash, Instant signedAt, String keyId, String signature,
            long previousSequence, String previousHash, String previousSignature) {
        String statement = HEADER_V2 + "\nsequence=" + sequence + "\nhash=" + hash + "\nsignedAt=" + signedAt
                + "\npreviousSequence=" + previousSequence + "\npreviousHash=" + previousHash
                + "\npreviousSignature=" + previousSignature + "\n";
        return new AuditCheckpoint(sequence, hash, signedAt, keyId, signature, 2, previousSequence, previousHash,
                previousSignature, statement);
    }

    /** The same statement with its signature. */
    AuditCheckpoint signed(String signature) {
        return new AuditCheckpoint(sequence, hash, signedAt, keyId, signature, form, previousSequence, previousHash,
                previousSignature, statement);
    }

    /** Form 1's signed text: four lines, each ending with a line feed. */
    static String statement(long sequence, String hash, Instant signedAt) {
        return HEADER + "\nsequence=" + sequence + "\nhash=" + hash + "\nsignedAt=" + signedAt + "\n";
    }

    /** Whether this checkpoint names {@code previous} (null: it is the first one) as the one before it. */
    boolean follows(AuditCheckpoint previous) {
        if (previous == null) {
            return previousSequence != null && previousSequence == 0;
        }
        return previousSequence != null && previousSequence == previous.sequence() && previous.hash().equals(previousHash)
                && previous.signature().equals(previousSignature);
    }

    byte[] statementBytes() {
        return statement.getBytes(StandardCharsets.UTF_8);
    }
}
