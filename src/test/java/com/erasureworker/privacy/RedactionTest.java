package com.erasureworker.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void removesEmailAddressesAndPhoneNumbersFromMessages() {
        assertThat(Redaction.scrub("Duplicate email address jane.doe+x@example.co.uk for +45 20 00 00 17"))
                .isEqualTo("Duplicate email address [email] for [number]");
    }

    @Test
    void keepsOrdinaryMessagesAndShortensLongOnes() {
        assertThat(Redaction.scrub("User is not agent/admin")).isEqualTo("User is not agent/admin");
        assertThat(Redaction.scrub("x".repeat(1000))).hasSize(301);
    }
}
