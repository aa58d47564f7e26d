package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorFileTest {

    private final List<ConnectorFile> files = List.of(
            new ConnectorFile(Path.of("a.json"), "telemetry-http-source", Map.of("name", "telemetry-http-source",
                    "tasks.max", "1")),
            new ConnectorFile(Path.of("b.json"), "telemetry-es-sink", Map.of("name", "telemetry-es-sink",
                    "tasks.max", "1")));

    @Test
    void aSettingChangesOneKeyOfOneConnector() {
        List<ConnectorFile> set = ConnectorFile.withSetting(files, "telemetry-http-source.tasks.max=3");
        assertThat(set.get(0).config()).containsEntry("tasks.max", "3").containsEntry("name", "telemetry-http-source");
        assertThat(set.get(1).config()).containsEntry("tasks.max", "1");
    }

    @Test
    void aSettingForAnUnknownConnectorOrWithoutKeyIsRefused() {
        assertThatThrownBy(() -> ConnectorFile.withSetting(files, "telemetry-nothing.tasks.max=3"))
                .hasMessageContaining("no connector file names telemetry-nothing");
        assertThatThrownBy(() -> ConnectorFile.withSetting(files, "telemetry-http-source=3"))
                .hasMessageContaining("NAME.KEY=VALUE");
    }

    @Test
    void theTopicsOfAConnectorAreThoseItsKeysNameExceptLookupTables() {
        ConnectorFile file = new ConnectorFile(Path.of("c.json"), "c", Map.of("topics", "a, b",
                "input.topic", "c", "transforms.dedup.duplicate.topic", "d", "transforms.enrich.lookup.users.topic",
                "users", "errors.deadletterqueue.topic.name", "dlq", "predicates.p.pattern", "a"));
        assertThat(file.topics()).containsExactly("a", "b", "c", "d");
    }

    /** The local stack creates exactly the topics of the shipped pipeline from the shipped connector files. */
    @Test
    void theShippedConnectorFilesNameThePipelineTopics() throws Exception {
        Set<String> topics = new TreeSet<>();
        for (ConnectorFile file : ConnectorFile.readDir(new ObjectMapper(), Path.of("../connectors"))) {
            topics.addAll(file.topics());
        }
        assertThat(topics).containsExactly("telemetry-deduped-messages", "telemetry-duplicate-messages",
                "telemetry-enriched-messages", "telemetry-failed-messages");
    }
}
