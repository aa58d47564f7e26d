package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorLagTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSinkStoresTheNextOffsetToRead() throws Exception {
        JsonNode entry = JSON.readTree("{\"partition\":{\"kafka_topic\":\"telemetry-enriched-messages\","
                + "\"kafka_partition\":2},\"offset\":{\"kafka_offset\":1500}}");
        assertThat(ConnectorLag.nextToRead(entry))
                .contains(Map.entry(new TopicPartition("telemetry-enriched-messages", 2), 1500L));
    }

    @Test
    void theUnbundleSourceStoresTheLastOffsetRead() throws Exception {
        JsonNode entry = JSON.readTree("{\"partition\":{\"partition\":0,\"topic\":\"telemetry-deduped-messages\"},"
                + "\"offset\":{\"offset\":41}}");
        assertThat(ConnectorLag.nextToRead(entry))
                .contains(Map.entry(new TopicPartition("telemetry-deduped-messages", 0), 42L));
    }

    @Test
    void otherSourceOffsetsHaveNoInputTopic() throws Exception {
        JsonNode entry = JSON.readTree("{\"partition\":{\"endpoint\":\"/v1/telemetry\"},\"offset\":{\"seq\":7}}");
        assertThat(ConnectorLag.nextToRead(entry)).isEmpty();
    }
}
