package com.erasureworker.contract;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often the contract self-check asks Dixa again (environment DIXA_CONTRACT_*, see docs/canary-and-contract.md). */
@ConfigMapping(prefix = "dixa.contract")
public interface ContractConfig {

    /**
     * How long a passed self-check is trusted before it is asked again; also how long a route Dixa confirmed vouches
     * for a "no match" 404 of an e-mail/phone lookup.
     */
    @WithDefault("10m")
    Duration checkInterval();

    /** How soon a red or degraded self-check is asked again (a fixed setting or a recovered Dixa turns it green). */
    @WithDefault("30s")
    Duration redRecheckInterval();

    /**
     * How long a check's last definitive answer is kept while Dixa only answers transiently (5xx, timeouts, 429):
     * the verdict shows DEGRADED meanwhile; past this age the check counts as unknown.
     */
    @WithDefault("24h")
    Duration maxVerdictAge();
}
