package com.erasureworker.audit;

/**
 * The answer of a chain check: {@code valid} when every event in the range hashes to what it claims and links to its
 * predecessor; otherwise {@code firstInvalidSequence} is the first event (or missing sequence) that does not.
 */
public record ChainVerification(boolean valid, long checked, Long firstInvalidSequence, String reason,
        long headSequence, String headHash) {
}
