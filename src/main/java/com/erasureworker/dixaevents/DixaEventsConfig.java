package com.erasureworker.dixaevents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Inbound Dixa events: the Basic credentials Dixa must present at {@code /api/v1/dixa-events} (without them every
 * event is refused) and the name of the subscription this worker keeps at Dixa.
 */
@ConfigMapping(prefix = "dixa.events")
public interface DixaEventsConfig {

    Optional<String> username();

    Optional<String> password();

    @WithDefault("dixa-erasure-worker")
    String subscriptionName();
}
