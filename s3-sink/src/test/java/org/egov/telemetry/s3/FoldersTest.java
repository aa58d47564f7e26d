package org.egov.telemetry.s3;

import org.egov.telemetry.s3.config.S3SinkConnectorConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FoldersTest {

    /** 2024-12-30T10:00:00Z: a Monday whose week-based year is already 2025. */
    private static final long DEC_30 = 1_735_552_800_000L;

    private static Folders folders(String... config) {
        return Folders.from(new S3SinkConnectorConfig(Records.config(config)).partitioner());
    }

    @Test
    void theDefaultIsOneDtFolderPerDayInUtc() {
        assertThat(folders().of(3, Records.MARCH_1)).isEqualTo("dt=2024-03-01");
    }

    @Test
    void yyyyIsTheCalendarYearAsInConfluentsPatterns() {
        assertThat(folders().of(0, DEC_30)).isEqualTo("dt=2024-12-30");
    }

    @Test
    void anHourFolderCanFollowTheDay() {
        assertThat(folders("path.format", "'dt'=YYYY-MM-dd/'hr'=HH").of(0, Records.MARCH_1))
                .isEqualTo("dt=2024-03-01/hr=10");
    }

    @Test
    void theDayFollowsTheConfiguredTimezone() {
        long lateEveningUtc = Records.MARCH_1 + 9 * 60 * 60 * 1000L; // 19:00Z is 00:30 next day in Kolkata

        assertThat(folders("timezone", "Asia/Kolkata").of(0, lateEveningUtc)).isEqualTo("dt=2024-03-02");
    }

    @Test
    void monthNamesFollowTheLocale() {
        assertThat(folders("path.format", "'month'=MMMM", "locale", "fr").of(0, Records.MARCH_1)).isEqualTo("month=mars");
    }

    @Test
    void theDefaultPartitionerUsesKafkasPartitionOnly() {
        assertThat(folders("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner")
                .of(4, Records.MARCH_1)).isEqualTo("partition=4");
    }
}
