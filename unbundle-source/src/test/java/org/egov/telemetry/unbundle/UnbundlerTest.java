package org.egov.telemetry.unbundle;

import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ConfigDocs;
import org.egov.telemetry.core.ErrorHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnbundlerTest {

    private final Unbundler unbundler = new Unbundler("events", "failed");

    private List<SourceRecord> unbundle(String json) {
        return unbundler.unbundle("batches", 2, 41L, json.getBytes(StandardCharsets.UTF_8), 7L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(SourceRecord record) {
        return (Map<String, Object>) record.value();
    }

    @Test
    void eachEventBecomesOneRecordKeyedByItsMidWithBatchSyncts() {
        List<SourceRecord> out = unbundle("{\"mid\":\"b1\",\"syncts\":99,\"events\":["
                + "{\"eid\":\"START\",\"mid\":\"e1\"},{\"eid\":\"END\",\"mid\":\"e2\",\"syncts\":5}]}");
        assertThat(out).hasSize(2);
        assertThat(out).extracting(SourceRecord::topic).containsOnly("events");
        assertThat(out).extracting(SourceRecord::key).containsExactly("e1", "e2");
        assertThat(value(out.get(0))).containsEntry("syncts", 99).containsEntry("eid", "START");
        assertThat(value(out.get(1))).containsEntry("syncts", 5);
        assertThat(out.get(0).sourcePartition()).isEqualTo(Map.of("topic", "batches", "partition", 2));
        assertThat(out.get(1).sourceOffset()).isEqualTo(Map.of("offset", 41L));
        assertThat(out.get(0).headers().lastWithName(Unbundler.BATCH_MID_HEADER).value()).isEqualTo("b1");
        assertThat(out.get(0).headers().lastWithName(Unbundler.SOURCE_OFFSET_HEADER).value()).isEqualTo(41L);
    }

    @Test
    void eventWithoutMidGetsADeterministicOne() {
        String batch = "{\"mid\":\"b1\",\"events\":[{\"eid\":\"START\"}]}";
        assertThat(unbundle(batch).get(0).key()).isEqualTo("b1-0");
        assertThat(unbundle(batch).get(0).key()).isEqualTo("b1-0");
        assertThat(value(unbundle(batch).get(0))).containsEntry("mid", "b1-0");
    }

    @Test
    void nonObjectElementGoesToFailedTopicWithoutCostingItsBatchMates() {
        List<SourceRecord> out = unbundle("{\"mid\":\"b1\",\"events\":[{\"mid\":\"e1\"},42]}");
        assertThat(out).extracting(SourceRecord::topic).containsExactly("events", "failed");
        assertThat(out.get(1).value()).isEqualTo(42);
        assertThat(out.get(1).headers().lastWithName(ErrorHeaders.PATH).value()).isEqualTo("/events/1");
        assertThat(out.get(1).headers().lastWithName(ErrorHeaders.STAGE).value()).isEqualTo("unbundle");
    }

    @Test
    void unreadableBatchesGoToFailedTopic() {
        assertThat(unbundle("{\"mid\":\"b1\"}")).extracting(SourceRecord::topic).containsExactly("failed");
        assertThat(unbundle("not json")).extracting(SourceRecord::topic).containsExactly("failed");
        assertThat(unbundler.unbundle("batches", 0, 1L, null, 1L)).isEmpty();
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(ConfigDocs.undocumentedKeys(UnbundleSourceConfig.CONFIG_DEF)).isEmpty();
    }
}
