package com.erasureworker.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.Source;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which conversations' activity logs are read: all for DPO tickets, a sample with one per sweep page for sweeps. */
class EvidencePolicyTest {

    private static final List<Integer> THOUSAND = IntStream.range(0, 1000).boxed().toList();

    @Test
    void dpoTicketsGetEveryConversationsActivityLog() {
        EvidencePolicy policy = EvidencePolicy.of(Source.DPO, 0.01, 500);
        assertThat(policy.sample(THOUSAND)).isEqualTo(THOUSAND);
        assertThat(policy.describe(1000, 1000)).contains("every erased conversation (1000)");
    }

    @Test
    void sweepTicketsGetOnePercentByDefaultStatedOnTheCertificate() {
        EvidencePolicy policy = EvidencePolicy.of(Source.SWEEP, 0.01, 500);
        List<Integer> sampled = policy.sample(THOUSAND);
        assertThat(sampled).hasSize(10).startsWith(0, 100, 200);
        assertThat(policy.describe(sampled.size(), THOUSAND.size())).contains("10 of 1000").contains("every 100th");
    }

    @Test
    void aTinyOrZeroShareStillTakesOneConversationPerSweepPage() {
        for (double share : new double[] { 0.0, 0.0001 }) {
            List<Integer> sampled = EvidencePolicy.of(Source.SWEEP, share, 500).sample(THOUSAND);
            assertThat(sampled).containsExactly(0, 500);
        }
        assertThat(EvidencePolicy.of(Source.SWEEP, 1.0, 500).sample(THOUSAND)).isEqualTo(THOUSAND);
    }
}
