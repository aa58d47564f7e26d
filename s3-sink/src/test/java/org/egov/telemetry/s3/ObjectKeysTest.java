package org.egov.telemetry.s3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    private final ObjectKeys keys = new ObjectKeys("topics", 10, CompressionType.GZIP);

    @Test
    void keyHasTopicsDirTopicFolderAndZeroPaddedStartOffset() {
        String key = keys.key("telemetry-deduped-messages", "dt=2024-03-01", "telemetry-deduped-messages", 3, 42);

        assertThat(key).isEqualTo(
                "topics/telemetry-deduped-messages/dt=2024-03-01/telemetry-deduped-messages+3+0000000042.json.gz");
    }

    @Test
    void theFolderFollowsTheRecordsTopicAndTheFileNameTheOriginalOne() {
        assertThat(keys.key("renamed", "dt=2024-03-01", "original", 3, 42))
                .isEqualTo("topics/renamed/dt=2024-03-01/original+3+0000000042.json.gz");
    }

    @Test
    void offsetsWiderThanThePadWidthAreKeptWhole() {
        ObjectKeys narrow = new ObjectKeys("topics", 3, CompressionType.GZIP);

        assertThat(narrow.key("t", "dt=2024-03-01", "t", 0, 7)).endsWith("/t+0+007.json.gz");
        assertThat(narrow.key("t", "dt=2024-03-01", "t", 0, 123_456)).endsWith("/t+0+123456.json.gz");
    }

    @Test
    void uncompressedObjectsEndInJsonAndEmptyTopicsDirStartsAtTheRoot() {
        ObjectKeys plain = new ObjectKeys("", 0, CompressionType.NONE);

        assertThat(plain.key("t", "dt=2024-03-01", "t", 1, 5)).isEqualTo("t/dt=2024-03-01/t+1+5.json");
    }
}
