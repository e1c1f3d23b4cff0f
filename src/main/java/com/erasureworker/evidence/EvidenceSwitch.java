package com.erasureworker.evidence;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether this replica captures evidence now: starts from {@code evidence.capture-enabled}; tests may flip it. */
@ApplicationScoped
public class EvidenceSwitch {

    private volatile boolean enabled;

    EvidenceSwitch(EvidenceConfig config) {
        this.enabled = config.captureEnabled();
    }

    public boolean enabled() {
        return enabled;
    }

    public void enable(boolean on) {
        this.enabled = on;
    }
}
