package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Every request the simulator received, in arrival-completion order, for assertions on what Dixa was sent. */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class CallLog {
    // A plain list under a lock: a retention sweep logs 100,000 calls, too many for copy-on-write.
    private final List<SimCall> calls = new ArrayList<>();

    synchronized void add(SimCall call) {
        calls.add(call);
    }

    synchronized List<SimCall> all() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }
}
