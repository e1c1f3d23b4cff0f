package com.erasureworker.simulator;

import java.util.UUID;

/** An agent or admin of the simulated organization: the only users allowed to close, note and import. */
record Agent(UUID id, String name, String email, boolean admin) {
}
