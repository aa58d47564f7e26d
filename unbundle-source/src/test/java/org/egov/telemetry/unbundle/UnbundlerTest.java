package org.egov.telemetry.unbundle;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ConfigDocs;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnbundlerTest {

    @Test
    void sourcePartitionsAreWrittenInOneFieldOrderInEveryJvm() {
        // Connect looks stored offsets up by the key's JSON; this is the order its REST offsets API writes too.
        assertThat(new String(Json.toBytes(Unbundler.sourcePartition("batches", 3)), StandardCharsets.UTF_8))
                .isEqualTo("{\"partition\":3,\"topic\":\"batches\"}");
        assertThat(new String(Json.toBytes(Unbundler.earlierSourcePartition("batches", 3)), StandardCharsets.UTF_8))
                .isEqualTo("{\"topic\":\"batches\",\"partition\":3}");
        assertThat(Unbundler.earlierSourcePartition("batches", 3)).isEqualTo(Unbundler.sourcePartition("batches", 3));
    }

    private final Unbundler unbundler = new Unbundler("events", "failed", 2048);

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
    void batchMidDidChannelAndPidAreCarriedIntoEventsThatLackThem() {
        List<SourceRecord> out = unbundle("{\"mid\":\"b1\",\"did\":\"dev-1\",\"channel\":\"pb.amritsar\","
                + "\"pid\":\"egov.digit.ui\",\"events\":[{\"mid\":\"e1\"},"
                + "{\"mid\":\"e2\",\"did\":\"own-device\",\"channel\":\"pb.jalandhar\",\"pid\":\"own-app\"}]}");
        assertThat(value(out.get(0))).containsEntry("did", "dev-1").containsEntry("channel", "pb.amritsar")
                .containsEntry("pid", "egov.digit.ui").containsEntry("batchmid", "b1");
        assertThat(value(out.get(1))).containsEntry("did", "own-device").containsEntry("channel", "pb.jalandhar")
                .containsEntry("pid", "own-app").containsEntry("batchmid", "b1");
    }

    @Test
    void inputRecordHeadersAreCarriedIntoEveryEvent() {
        var headers = new RecordHeaders().add("telemetry.client.user.agent",
                "Mozilla/5.0 Firefox/120.0".getBytes(StandardCharsets.UTF_8));
        List<SourceRecord> out = unbundler.unbundle("batches", 0, 3L,
                "{\"mid\":\"b1\",\"events\":[{\"mid\":\"e1\"},{\"mid\":\"e2\"}]}".getBytes(StandardCharsets.UTF_8),
                1L, headers);
        assertThat(out).allSatisfy(record -> assertThat(
                record.headers().lastWithName("telemetry.client.user.agent").value()).isEqualTo("Mozilla/5.0 Firefox/120.0"));
        assertThat(out.get(1).headers().lastWithName(Unbundler.SOURCE_OFFSET_HEADER).value()).isEqualTo(3L);
    }

    /** A batch replayed from the archive has no record headers; the User-Agent the edge stamped stands in. */
    @Test
    void theStampedUserAgentStandsInForAMissingHeader() {
        byte[] batch = "{\"mid\":\"b1\",\"useragent\":\"Mozilla/5.0 Firefox/120.0\",\"events\":[{\"mid\":\"e1\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        SourceRecord replayed = unbundler.unbundle("batches", 0, 3L, batch, 1L, new RecordHeaders()).get(0);
        assertThat(replayed.headers().lastWithName("telemetry.client.user.agent").value())
                .isEqualTo("Mozilla/5.0 Firefox/120.0");
        assertThat(value(replayed)).doesNotContainKey("useragent");

        var live = new RecordHeaders().add("telemetry.client.user.agent", "curl/8.5".getBytes(StandardCharsets.UTF_8));
        SourceRecord fromTheEdge = unbundler.unbundle("batches", 0, 4L, batch, 1L, live).get(0);
        assertThat(fromTheEdge.headers().allWithName("telemetry.client.user.agent")).toIterable().hasSize(1);
        assertThat(fromTheEdge.headers().lastWithName("telemetry.client.user.agent").value()).isEqualTo("curl/8.5");
    }

    @Test
    void eventOverMaxEventBytesGoesToFailedTopicAndItsBatchMatesToTheIndex() {
        String big = "x".repeat(3000);
        List<SourceRecord> out = unbundle("{\"mid\":\"b1\",\"events\":[{\"mid\":\"e1\"},"
                + "{\"mid\":\"e2\",\"edata\":{\"blob\":\"" + big + "\"}},{\"mid\":\"e3\"}]}");
        assertThat(out).extracting(SourceRecord::topic).containsExactly("events", "failed", "events");
        SourceRecord failed = out.get(1);
        assertThat(failed.key()).isEqualTo("e2");
        assertThat(value(failed)).containsEntry("mid", "e2").containsKey("edata");
        assertThat(failed.headers().lastWithName(ErrorHeaders.REASON).value().toString())
                .contains("max.event.bytes=2048");
        assertThat(failed.headers().lastWithName(ErrorHeaders.PATH).value()).isEqualTo("/events/1");
        assertThat(failed.sourceOffset()).isEqualTo(Map.of("offset", 41L));
        assertThat(unbundler.isFailure(failed)).isTrue();
        assertThat(unbundler.isFailure(out.get(0))).isFalse();
    }

    @Test
    void connectorRefusesTopicsThatFeedThemselvesPinnedToTheKey() {
        Map<String, String> props = Map.of("input.topic", "batches", "input.bootstrap.servers", "127.0.0.1:1",
                "output.topic", "batches", "failed.topic", "events");
        var values = new UnbundleSourceConnector().validate(props).configValues();
        assertThat(values).filteredOn(v -> v.name().equals("output.topic"))
                .singleElement().satisfies(v -> assertThat(v.errorMessages()).isNotEmpty());
        assertThat(values).filteredOn(v -> v.name().equals("failed.topic"))
                .singleElement().satisfies(v -> assertThat(v.errorMessages()).isEmpty());
        // what validate() reports, start() enforces, before it reaches for the broker
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UnbundleSourceConnector().start(props))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("output.topic");
    }

    @Test
    void exactlyOnceSupportIsDeclared() {
        assertThat(new UnbundleSourceConnector().exactlyOnceSupport(Map.of()))
                .isEqualTo(org.apache.kafka.connect.source.ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void userDocumentationListsEveryConfigKey() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "unbundle-source.md"));
        assertThat(UnbundleSourceConfig.CONFIG_DEF.names()).allSatisfy(key -> assertThat(doc).contains("`" + key + "`"));
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(ConfigDocs.undocumentedKeys(UnbundleSourceConfig.CONFIG_DEF)).isEmpty();
    }
}
