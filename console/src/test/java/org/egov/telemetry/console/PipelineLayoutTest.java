package org.egov.telemetry.console;

import org.egov.telemetry.core.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineLayoutTest {

    /** The connector JSON the project ships, as an operator registers it. */
    static Map<String, Map<String, String>> shippedConnectors() throws IOException {
        return connectors(Path.of("../connectors"));
    }

    private static Map<String, Map<String, String>> connectors(Path dir) throws IOException {
        Map<String, Map<String, String>> configs = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Map<String, Object> json = Json.parseObject(Files.readAllBytes(file));
                Map<String, String> config = new HashMap<>();
                ((Map<?, ?>) json.get("config")).forEach((k, v) -> config.put((String) k, String.valueOf(v)));
                configs.put((String) json.get("name"), config);
            }
        }
        return configs;
    }

    @Test
    void theShippedConnectorsMakeTheWholeChain() throws IOException {
        PipelineLayout layout = PipelineLayout.of(shippedConnectors(), "connect-offsets");

        assertThat(layout.stages()).extracting(Stage::id)
                .containsExactly("ingest", "failed", "duplicates", "unbundle", "enriched", "archive", "index");
        assertThat(layout.stage("ingest").topic()).isEqualTo("telemetry-deduped-messages");
        assertThat(layout.stage("ingest").connector()).isEqualTo("telemetry-http-source");
        assertThat(layout.stage("failed").topic()).isEqualTo("telemetry-failed-messages");
        assertThat(layout.stage("duplicates").topic()).isEqualTo("telemetry-duplicate-messages");
        assertThat(layout.stage("unbundle").kind()).isEqualTo(Stage.Kind.SOURCE_READER);
        assertThat(layout.stage("unbundle").topic()).isEqualTo("telemetry-deduped-messages");
        assertThat(layout.stage("enriched").topic()).isEqualTo("telemetry-enriched-messages");
        assertThat(layout.stage("archive").group()).isEqualTo("connect-telemetry-s3-sink");
        assertThat(layout.stage("index").topic()).isEqualTo("telemetry-enriched-messages");
        assertThat(layout.stage("index").group()).isEqualTo("connect-telemetry-es-sink");
        assertThat(layout.offsetTopics()).containsExactly(Map.entry("telemetry-unbundle-source", "connect-offsets"));
        assertThat(layout.topics()).containsExactly("telemetry-deduped-messages", "telemetry-failed-messages",
                "telemetry-duplicate-messages", "telemetry-enriched-messages");
    }

    /** The replay chain runs the same classes on other topics: the live chain stays the live one. */
    @Test
    void aReplayChainAddsItsStageAndLeavesTheLiveChainAlone() throws IOException {
        Map<String, Map<String, String>> configs = shippedConnectors();
        configs.putAll(connectors(Path.of("../connectors/replay")));

        PipelineLayout layout = PipelineLayout.of(configs, "connect-offsets");

        assertThat(layout.stages()).extracting(Stage::id).containsExactly("ingest", "failed", "duplicates", "unbundle",
                "enriched", "archive", "index", "replay");
        assertThat(layout.stage("unbundle").connector()).isEqualTo("telemetry-unbundle-source");
        assertThat(layout.stage("index").connector()).isEqualTo("telemetry-es-sink");
        assertThat(layout.stage("replay").topic()).isEqualTo("telemetry-replay-messages");
        assertThat(layout.stage("replay").connector()).isEqualTo("telemetry-replay-source");
    }

    @Test
    void renamedTopicsAndOverriddenGroupsAreFollowed() throws IOException {
        Map<String, Map<String, String>> configs = shippedConnectors();
        configs.get("telemetry-http-source").put("topic", "batches");
        configs.get("telemetry-unbundle-source").put("input.topic", "batches");
        configs.get("telemetry-unbundle-source").put("offsets.storage.topic", "unbundle-offsets");
        configs.get("telemetry-es-sink").put("consumer.override.group.id", "indexer");

        PipelineLayout layout = PipelineLayout.of(configs, "connect-offsets");

        assertThat(layout.stage("ingest").topic()).isEqualTo("batches");
        assertThat(layout.stage("unbundle").topic()).isEqualTo("batches");
        assertThat(layout.stage("index").group()).isEqualTo("indexer");
        assertThat(layout.offsetTopics()).containsEntry("telemetry-unbundle-source", "unbundle-offsets");
    }

    @Test
    void onlyTheStagesWhoseConnectorsRunAreShown() throws IOException {
        Map<String, Map<String, String>> configs = shippedConnectors();
        configs.remove("telemetry-s3-sink");
        configs.remove("telemetry-es-sink");

        assertThat(PipelineLayout.of(configs, "o").stages()).extracting(Stage::id)
                .containsExactly("ingest", "failed", "duplicates", "unbundle", "enriched");
        assertThat(PipelineLayout.of(Map.of(), "o").stages()).isEmpty();
    }
}
