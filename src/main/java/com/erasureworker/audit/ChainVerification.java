package com.erasureworker.audit;

/**
 * The answer of a chain check: {@code valid} when every event in the range hashes to what it claims and links to its
 * predecessor, every signed checkpoint in it carries a good signature and matches the chain, the auditor's anchor (if
 * given) matches, and no row lies beyond the head. Otherwise {@code firstInvalidSequence} is the first event that
 * cannot be trusted: the broken one, or for a rewrite that only a checkpoint reveals, the first event after the last
 * checkpoint that still matches.
 */
public record ChainVerification(boolean valid, long checked, Long firstInvalidSequence, String reason,
        long headSequence, String headHash, long checkpointsChecked, AuditCheckpoint lastValidCheckpoint) {
}
