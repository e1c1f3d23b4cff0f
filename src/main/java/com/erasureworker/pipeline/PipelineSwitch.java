package com.erasureworker.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether this replica works targets now: starts from {@code worker.enabled}; tests and operators may flip it. */
@ApplicationScoped
public class PipelineSwitch {

    private volatile boolean enabled;

    PipelineSwitch(WorkerConfig config) {
        this.enabled = config.enabled();
    }

    public boolean enabled() {
        return enabled;
    }

    public void enable(boolean on) {
        this.enabled = on;
    }
}
