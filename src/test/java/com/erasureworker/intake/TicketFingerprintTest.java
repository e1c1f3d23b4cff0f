package com.erasureworker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ClosePolicy;
import com.erasureworker.privacy.KeyedHash;
import com.erasureworker.subject.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The keyed hashes that stand in for personal data and for a request's content. */
class TicketFingerprintTest {

    private final TicketFingerprint fingerprint = new TicketFingerprint(new KeyedHash(Optional.of("k".repeat(32))));

    @Test
    void anAddressHashesTheSameHoweverItIsCapitalisedOrPadded() {
        assertThat(fingerprint.subjectHash(new Subject.Email(" Jane@Example.COM")))
                .isEqualTo(fingerprint.subjectHash(new Subject.Email("jane@example.com")))
                .hasSize(64).doesNotContain("jane");
    }

    @Test
    void aPhoneHashesByItsDigitsAndLeadingPlus() {
        assertThat(fingerprint.subjectHash(new Subject.Phone("+45 20-00 00 17")))
                .isEqualTo(fingerprint.subjectHash(new Subject.Phone("+4520000017")))
                .isNotEqualTo(fingerprint.subjectHash(new Subject.Phone("4520000017")));
    }

    @Test
    void theCanonicalFormNeverHoldsTheAddress() {
        Submission submission = new Submission("T-1", new Subject.Email("jane@example.com"), ClosePolicy.NEVER, null,
                null);
        assertThat(fingerprint.canonical(submission)).doesNotContain("jane");
    }

    @Test
    void contentDiffersWithReasonPolicyOrDeadline() {
        Subject subject = new Subject.Conversations(List.of(1L, 2L));
        Submission base = new Submission("T-1", subject, ClosePolicy.WAIT_THEN_FORCE, null, null);

        assertThat(fingerprint.contentHash(base))
                .isEqualTo(fingerprint.contentHash(new Submission("T-1", subject, ClosePolicy.WAIT_THEN_FORCE, null, null)))
                .isNotEqualTo(fingerprint.contentHash(new Submission("T-1", subject, ClosePolicy.NEVER, null, null)))
                .isNotEqualTo(fingerprint.contentHash(new Submission("T-1", subject, ClosePolicy.WAIT_THEN_FORCE, "", null)))
                .isNotEqualTo(fingerprint.contentHash(new Submission("T-1", subject, ClosePolicy.WAIT_THEN_FORCE, null,
                        Instant.parse("2030-01-01T00:00:00Z"))));
    }
}
