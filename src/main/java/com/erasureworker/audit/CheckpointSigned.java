package com.erasureworker.audit;

import java.util.Map;

/**
 * A checkpoint was signed and stored, fired synchronously inside the signing transaction: what subscribers may see of
 * it (sequence, hash, signature, key id, the previous checkpoint). The audit package tells; others decide whom to tell.
 */
public record CheckpointSigned(Map<String, Object> data) {
}
