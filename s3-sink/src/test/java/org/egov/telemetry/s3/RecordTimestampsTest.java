package org.egov.telemetry.s3;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.s3.config.TimestampSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RecordTimestampsTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(999));
    private final RecordTimestamps timestamps = new RecordTimestamps(TimestampSource.RECORDFIELD, Optional.of("syncts"), clock);

    @Test
    void readsTheTopLevelFieldOfJsonBytesSkippingNestedOnes() {
        byte[] json = "{\"events\":[{\"syncts\":1}],\"ctx\":{\"syncts\":2},\"syncts\":1709287200000}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RecordTimestamps.fromValue(json, "syncts")).isEqualTo(1_709_287_200_000L);
    }

    @Test
    void stopsReadingOnceTheFieldIsFound() {
        // the text after the field is broken, but never read
        assertThat(RecordTimestamps.fromValue("{\"syncts\":\"17\", broken", "syncts")).isEqualTo(17L);
    }

    @Test
    void readsMapValuesAndNumericStrings() {
        assertThat(RecordTimestamps.fromValue(Map.of("syncts", 5L), "syncts")).isEqualTo(5L);
        assertThat(RecordTimestamps.fromValue(Map.of("syncts", "6"), "syncts")).isEqualTo(6L);
    }

    @Test
    void fallsBackToTheKafkaTimestampThenTheClock() {
        SinkRecord withKafkaTime = new SinkRecord("t", 0, null, null, null, "{\"x\":1}", 0, 123L,
                TimestampType.CREATE_TIME);
        SinkRecord withoutAnyTime = new SinkRecord("t", 0, null, null, null, "not json", 0, null,
                TimestampType.NO_TIMESTAMP_TYPE);

        assertThat(timestamps.of(withKafkaTime)).isEqualTo(123L);
        assertThat(timestamps.of(withoutAnyTime)).isEqualTo(999L);
    }

    @Test
    void emptyFieldMeansTheKafkaTimestamp() {
        SinkRecord record = new SinkRecord("t", 0, null, null, null, "{\"syncts\":1}", 0, 123L,
                TimestampType.CREATE_TIME);

        assertThat(new RecordTimestamps(TimestampSource.RECORDFIELD, Optional.empty(), clock).of(record)).isEqualTo(123L);
    }

    @Test
    void theRecordSourceIgnoresTheFieldAndTheWallclockSourceIgnoresTheRecord() {
        SinkRecord record = new SinkRecord("t", 0, null, null, null, "{\"syncts\":1}", 0, 123L,
                TimestampType.CREATE_TIME);

        assertThat(new RecordTimestamps(TimestampSource.RECORD, Optional.of("syncts"), clock).of(record)).isEqualTo(123L);
        assertThat(new RecordTimestamps(TimestampSource.WALLCLOCK, Optional.of("syncts"), clock).of(record)).isEqualTo(999L);
    }
}
