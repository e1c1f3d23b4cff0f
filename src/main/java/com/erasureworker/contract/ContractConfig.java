package com.erasureworker.contract;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often the contract self-check asks Dixa again (environment DIXA_CONTRACT_*, see README). */
@ConfigMapping(prefix = "dixa.contract")
public interface ContractConfig {

    /** How long a passed self-check is trusted before it is asked again. */
    @WithDefault("10m")
    Duration checkInterval();

    /** How soon a failed self-check is asked again (a fixed setting or a recovered Dixa turns it green). */
    @WithDefault("30s")
    Duration redRecheckInterval();
}
