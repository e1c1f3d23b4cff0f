package com.erasureworker.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The keyed hash that stands in for personal data. */
class KeyedHashTest {

    @Test
    void theSameTextHashesTheSameAndTheHashDependsOnTheKey() {
        KeyedHash one = new KeyedHash(Optional.of("k".repeat(32)));
        KeyedHash other = new KeyedHash(Optional.of("l".repeat(32)));

        assertThat(one.keyedHash("jane@example.com")).isEqualTo(one.keyedHash("jane@example.com")).hasSize(64)
                .doesNotContain("jane").isNotEqualTo(other.keyedHash("jane@example.com"));
        assertThat(one.keyedHash(null)).isNull();
    }

    @Test
    void aShortKeyIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new KeyedHash(Optional.of("short"))).hasMessageContaining("ERASURE_HASH_KEY");
        assertThatThrownBy(() -> new KeyedHash(Optional.empty())).hasMessageContaining("at least 32");
    }
}
