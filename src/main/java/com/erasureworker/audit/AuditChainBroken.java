package com.erasureworker.audit;

/**
 * Fired (synchronously, on the verifying thread) when a chain check finds the chain or a checkpoint invalid, so that
 * packages above the audit trail (webhook) can tell people without the audit trail depending on them.
 */
public record AuditChainBroken(ChainVerification verification) {
}
