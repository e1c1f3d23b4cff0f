package com.erasureworker.controls;

import java.util.UUID;

/**
 * A legal hold was released, fired synchronously inside the releasing transaction; the pipeline wakes the targets it
 * held (controls tells, the pipeline acts, so controls does not depend on the pipeline).
 */
public record LegalHoldReleased(UUID holdId) {
}
