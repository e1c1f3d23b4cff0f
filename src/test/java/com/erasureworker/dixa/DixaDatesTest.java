package com.erasureworker.dixa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DixaDatesTest {

    @Test
    void readsAPlainIsoInstantAsConversationsCarryIt() {
        assertThat(DixaDates.parse("2020-12-16T09:41:43Z")).isEqualTo(Instant.parse("2020-12-16T09:41:43Z"));
    }

    @Test
    void readsJavaZonedDateTimeFormWithTheGmtSuffixAsAnonymizationStatusCarriesIt() {
        assertThat(DixaDates.parse("2021-12-01T12:46:36.581Z[GMT]")).isEqualTo(Instant.parse("2021-12-01T12:46:36.581Z"));
    }

    @Test
    void readsAnOffsetWithARegionSuffix() {
        assertThat(DixaDates.parse("2021-12-01T13:46:36.581+01:00[Europe/Copenhagen]"))
                .isEqualTo(Instant.parse("2021-12-01T12:46:36.581Z"));
    }

    @Test
    void readsARegionSuffixWithoutOffsetInThatRegion() {
        assertThat(DixaDates.parse("2021-07-01T14:00:00[Europe/Copenhagen]"))
                .isEqualTo(Instant.parse("2021-07-01T12:00:00Z"));
    }

    @Test
    void readsALocalDateTimeWithoutZoneAsUtcAsPresenceCarriesIt() {
        assertThat(DixaDates.parse("2021-12-01T12:46:35.935")).isEqualTo(Instant.parse("2021-12-01T12:46:35.935Z"));
    }

    @Test
    void readsANumericOffset() {
        assertThat(DixaDates.parse("2021-12-01T07:46:35-05:00")).isEqualTo(Instant.parse("2021-12-01T12:46:35Z"));
    }

    @Test
    void readsEpochMilliseconds() {
        assertThat(DixaDates.parse("1638362796581")).isEqualTo(Instant.parse("2021-12-01T12:46:36.581Z"));
    }

    @Test
    void treatsMissingValuesAsAbsent() {
        assertThat(DixaDates.parse(null)).isNull();
        assertThat(DixaDates.parse("  ")).isNull();
    }

    @Test
    void rejectsTextThatIsNoDate() {
        assertThatThrownBy(() -> DixaDates.parse("yesterday")).isInstanceOf(DateTimeException.class);
    }

    @Test
    void writesSearchFilterTimestampsInUtcWithMilliseconds() {
        assertThat(DixaDates.format(Instant.parse("2023-01-31T23:59:59.999123Z"))).isEqualTo("2023-01-31T23:59:59.999Z");
        assertThat(DixaDates.format(Instant.parse("2023-01-31T10:00:00Z"))).isEqualTo("2023-01-31T10:00:00.000Z");
    }
}
