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

    /** {@code --set} may be given several times (the replay sets its dates and its index), and keeps each. */
    @Test
    void everySetOptionOfACommandLineIsKept() {
        StackCtl.Args args = StackCtl.Args.parse(new String[] {"replay", "--set", "telemetry-http-source.a=1",
                "--url", "http://x", "--set", "telemetry-es-sink.index.name=rebuilt"}, 1);
        assertThat(args.all("set")).containsExactly("telemetry-http-source.a=1", "telemetry-es-sink.index.name=rebuilt");
        assertThat(args.opt("url", null)).isEqualTo("http://x");
    }

    /** The replay's progress as {@code ./telemetry-stack replay} prints it, from the source's stored offsets. */
    @Test
    void theReplaysProgressCountsObjectsDoneAndLines() throws Exception {
        var offsets = new ObjectMapper().readTree("{\"offsets\":[{\"partition\":{\"object\":\"a.json.gz\"},"
                + "\"offset\":{\"line\":10,\"eof\":true}},{\"partition\":{\"object\":\"b.json.gz\"},"
                + "\"offset\":{\"line\":4,\"eof\":false}}]}");
        assertThat(ReplayRun.progress(offsets)).containsExactly(1L, 14L);
    }

    /** Lookup files are named relative to the repository root, also from connectors/replay/. */
    @Test
    void filePathsAreRelativeToTheFolderHoldingConnectors() {
        assertThat(ConnectorFile.repoRoot(Path.of("/repo/connectors"))).isEqualTo(Path.of("/repo"));
        assertThat(ConnectorFile.repoRoot(Path.of("/repo/connectors/replay"))).isEqualTo(Path.of("/repo"));
        assertThat(ConnectorFile.repoRoot(Path.of("/elsewhere/files"))).isEqualTo(Path.of("/elsewhere"));
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
