package com.erasureworker.pipeline;

import com.erasureworker.controls.LegalHoldReleased;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Wakes the targets a released legal hold held, through the one wake-up call of the target lifecycle. */
@ApplicationScoped
class HoldReleases {

    private final ErasureLifecycle lifecycle;

    HoldReleases(ErasureLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void onRelease(@Observes LegalHoldReleased released) {
        lifecycle.wake(new WakeUp.HoldReleased(released.holdId()));
    }
}
