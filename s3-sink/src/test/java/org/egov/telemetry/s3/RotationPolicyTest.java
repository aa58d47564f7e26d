package org.egov.telemetry.s3;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RotationPolicyTest {

    private static RotationPolicy schedule(long intervalMs, ZoneId zone) {
        return new RotationPolicy(1000, -1, -1, -1, intervalMs, zone);
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void scheduledRotationIsAlignedToMultiplesOfTheIntervalFromMidnight() {
        RotationPolicy hourly = schedule(3_600_000, ZoneOffset.UTC);

        assertThat(hourly.scheduledRotation(at("2024-03-01T10:59:59Z"))).isEqualTo(at("2024-03-01T11:00:00Z"));
        assertThat(hourly.scheduledRotation(at("2024-03-01T11:00:00Z"))).isEqualTo(at("2024-03-01T12:00:00Z"));
    }

    @Test
    void scheduledRotationIsAlignedInTheConfiguredTimezone() {
        RotationPolicy daily = schedule(86_400_000, ZoneId.of("Asia/Kolkata"));

        // midnight in Kolkata is 18:30Z the day before
        assertThat(daily.scheduledRotation(at("2024-03-01T10:00:00Z"))).isEqualTo(at("2024-03-01T18:30:00Z"));
    }

    @Test
    void anIntervalThatDoesNotDivideTheDayStillRotatesAtMidnight() {
        RotationPolicy sevenHours = schedule(7 * 3_600_000, ZoneOffset.UTC);

        assertThat(sevenHours.scheduledRotation(at("2024-03-01T22:00:00Z"))).isEqualTo(at("2024-03-02T00:00:00Z"));
    }

    @Test
    void thresholdsThatAreOffNeverFire() {
        RotationPolicy off = new RotationPolicy(1000, -1, -1, -1, -1, ZoneOffset.UTC);

        assertThat(off.scheduledRotation(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(off.isIdle(0, Long.MAX_VALUE)).isFalse();
        assertThat(off.isRecordTimeDue(0, Long.MAX_VALUE)).isFalse();
        assertThat(off.isFull(999, Long.MAX_VALUE)).isFalse();
    }

    @Test
    void aFileIsFullByRecordsOrByUncompressedBytes() {
        RotationPolicy policy = new RotationPolicy(10, 1000, -1, -1, -1, ZoneOffset.UTC);

        assertThat(policy.isFull(10, 1)).isTrue();
        assertThat(policy.isFull(1, 1000)).isTrue();
        assertThat(policy.isFull(9, 999)).isFalse();
    }
}
