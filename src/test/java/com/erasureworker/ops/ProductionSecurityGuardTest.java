package com.erasureworker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The production start refuses OIDC without an audience, and a missing or published audit signing key. */
class ProductionSecurityGuardTest {

    private static final String DEMO = "MC4CAQAwBQYDK2VwBCIEIFtNtWB9TTj/NuIq2+A4d+vZ7rhgFI+3Tu8UVgU24oUP";
    private static final String OWN = "MC4CAQAwBQYDK2VwBCIEIKb3vDcmh5u8bq1Yk3y0Tq7Lw2Vd0q3g0nQm8y6ZcC1a";

    @Test
    void oidcWithoutAnAudienceIsRefused() {
        assertThat(ProductionSecurityGuard.refusals(true, Optional.empty(), Optional.of(OWN), Set.of(DEMO)))
                .singleElement().asString().contains("QUARKUS_OIDC_TOKEN_AUDIENCE");
        assertThat(ProductionSecurityGuard.refusals(true, Optional.of(" "), Optional.of(OWN), Set.of(DEMO)))
                .hasSize(1);
    }

    @Test
    void oidcWithAnAudienceOrOidcOffPasses() {
        assertThat(ProductionSecurityGuard.refusals(true, Optional.of("erasure-worker"), Optional.of(OWN),
                Set.of(DEMO))).isEmpty();
        assertThat(ProductionSecurityGuard.refusals(false, Optional.empty(), Optional.of(OWN), Set.of(DEMO)))
                .isEmpty();
    }

    @Test
    void theDemoSigningKeyIsRefusedAlsoAsPem() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + DEMO + "\n-----END PRIVATE KEY-----\n";
        assertThat(ProductionSecurityGuard.refusals(false, Optional.empty(), Optional.of(pem), Set.of(DEMO)))
                .singleElement().asString().contains("demo key").contains("openssl genpkey -algorithm ed25519");
    }

    @Test
    void aMissingSigningKeyIsRefused() {
        assertThat(ProductionSecurityGuard.refusals(false, Optional.empty(), Optional.empty(), Set.of(DEMO)))
                .singleElement().asString().contains("AUDIT_SIGNING_KEY is not set");
    }

    @Test
    void theAudienceAnyIsRefusedAsItSwitchesTheCheckOff() {
        assertThat(ProductionSecurityGuard.refusals(true, Optional.of("any"), Optional.of(OWN), Set.of(DEMO)))
                .singleElement().asString().contains("QUARKUS_OIDC_TOKEN_AUDIENCE=any");
        assertThat(ProductionSecurityGuard.refusals(true, Optional.of("erasure-worker, ANY"), Optional.of(OWN),
                Set.of(DEMO))).hasSize(1);
    }
}
