package org.egov.telemetry.replay;

import org.egov.telemetry.s3.config.PartitionerConfig;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveRangeTest {

    private static DateTimeFormatter format(String pattern, String zone) {
        return PartitionerConfig.formatter(pattern).withZone(ZoneId.of(zone));
    }

    @Test
    void dailyFoldersGiveOnePrefixPerDay() {
        ArchiveRange range = ArchiveRange.ofDays("topics/t/", format("'dt'=YYYY-MM-dd", "UTC"),
                LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 2));
        assertThat(range.prefixes()).containsExactly("topics/t/dt=2026-11-30/", "topics/t/dt=2026-12-01/",
                "topics/t/dt=2026-12-02/");
    }

    @Test
    void hourlyFoldersAreReadThroughTheirDayFolder() {
        DateTimeFormatter hourly = format("'dt'=YYYY-MM-dd/'hr'=HH", "Asia/Kolkata");
        assertThat(ArchiveRange.dayFolderDepth(hourly)).isEqualTo(1);
        assertThat(ArchiveRange.ofDays("t/", hourly, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1)).prefixes())
                .containsExactly("t/dt=2026-11-01/");
    }

    @Test
    void aMonthlyFolderIsReadOnceForAllItsDays() {
        ArchiveRange range = ArchiveRange.ofDays("t/", format("'month'=YYYY-MM", "UTC"), LocalDate.of(2026, 10, 30),
                LocalDate.of(2026, 11, 2));
        assertThat(range.prefixes()).containsExactly("t/month=2026-10/", "t/month=2026-11/");
    }

    @Test
    void aFirstFolderThatChangesWithinADayHoldsNoDay() {
        assertThat(ArchiveRange.dayFolderDepth(format("'hr'=HH/'dt'=YYYY-MM-dd", "UTC"))).isZero();
    }
}
