package org.egov.telemetry.s3;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    private final ObjectKeys keys = new ObjectKeys("topics", ZoneOffset.UTC, 10, CompressionType.GZIP);

    @Test
    void keyHasTopicsDirTopicDateAndZeroPaddedStartOffset() {
        String key = keys.key("telemetry-deduped-messages", 3, keys.dateFolder(Records.MARCH_1), 42);

        assertThat(key).isEqualTo(
                "topics/telemetry-deduped-messages/dt=2024-03-01/telemetry-deduped-messages+3+0000000042.json.gz");
    }

    @Test
    void dateFolderFollowsTheConfiguredTimezone() {
        long lateEveningUtc = Records.MARCH_1 + 9 * 60 * 60 * 1000L; // 19:00Z is 00:30 next day in Kolkata
        ObjectKeys kolkata = new ObjectKeys("topics", ZoneId.of("Asia/Kolkata"), 10, CompressionType.GZIP);

        assertThat(keys.dateFolder(lateEveningUtc)).isEqualTo("dt=2024-03-01");
        assertThat(kolkata.dateFolder(lateEveningUtc)).isEqualTo("dt=2024-03-02");
    }

    @Test
    void offsetsWiderThanThePadWidthAreKeptWhole() {
        ObjectKeys narrow = new ObjectKeys("topics", ZoneOffset.UTC, 3, CompressionType.GZIP);

        assertThat(narrow.key("t", 0, "dt=2024-03-01", 7)).endsWith("/t+0+007.json.gz");
        assertThat(narrow.key("t", 0, "dt=2024-03-01", 123_456)).endsWith("/t+0+123456.json.gz");
    }

    @Test
    void uncompressedObjectsEndInJsonAndEmptyTopicsDirStartsAtTheRoot() {
        ObjectKeys plain = new ObjectKeys("", ZoneOffset.UTC, 0, CompressionType.NONE);

        assertThat(plain.key("t", 1, "dt=2024-03-01", 5)).isEqualTo("t/dt=2024-03-01/t+1+5.json");
    }
}
