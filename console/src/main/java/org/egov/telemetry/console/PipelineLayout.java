package org.egov.telemetry.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pipeline's stages, worked out from the connectors that run: which topic the edge writes, which topics
 * the transforms route failures and duplicates to, what the unbundle source reads and writes, and what the two
 * sinks read. Built from the connectors' configurations, which are read here and never shown.
 */
final class PipelineLayout {

    static final String EDGE_CLASS = "org.egov.telemetry.http.TelemetryHttpSourceConnector";
    static final String UNBUNDLE_CLASS = "org.egov.telemetry.unbundle.UnbundleSourceConnector";
    static final String ARCHIVE_CLASS = "org.egov.telemetry.s3.S3SinkConnector";
    static final String INDEX_CLASS = "org.egov.telemetry.es.ElasticsearchSinkConnector";
    static final String REPLAY_CLASS = "org.egov.telemetry.replay.ArchiveReplaySourceConnector";
    private static final String VALIDATE_CLASS = "org.egov.telemetry.validate.ValidateTelemetry";
    private static final String DEDUP_CLASS = "org.egov.telemetry.dedup.DeduplicateTelemetry";

    private final List<Stage> stages;
    private final Map<String, String> offsetTopics;

    private PipelineLayout(List<Stage> stages, Map<String, String> offsetTopics) {
        this.stages = List.copyOf(stages);
        this.offsetTopics = Map.copyOf(offsetTopics);
    }

    /**
     * @param configs         connector name → its configuration
     * @param workerOffsetsTopic the worker's {@code offset.storage.topic}, where source offsets go by default
     */
    static PipelineLayout of(Map<String, Map<String, String>> configs, String workerOffsetsTopic) {
        Map<String, Map<String, String>> sorted = new TreeMap<>(configs);
        String edge = first(sorted, EDGE_CLASS);
        Map<String, String> edgeConfig = edge == null ? Map.of() : sorted.get(edge);
        // the live chain's connectors: those on the edge's topics (a replay chain of the same classes reads others)
        String unbundle = reading(sorted, UNBUNDLE_CLASS, "input.topic", edgeConfig.get("topic"));
        Map<String, String> unbundleConfig = unbundle == null ? Map.of() : sorted.get(unbundle);
        String batchTopic = edgeConfig.getOrDefault("topic", unbundleConfig.get("input.topic"));
        String enrichedTopic = unbundleConfig.get("output.topic");
        String archive = reading(sorted, ARCHIVE_CLASS, "topics", batchTopic);
        String index = reading(sorted, INDEX_CLASS, "topics", enrichedTopic);
        String replay = first(sorted, REPLAY_CLASS);
        Set<String> failedTopics = new LinkedHashSet<>();
        Set<String> duplicateTopics = new LinkedHashSet<>();
        for (String name : new String[] {edge, unbundle}) {
            if (name != null) {
                Map<String, String> config = sorted.get(name);
                failedTopics.addAll(transformSettings(config, VALIDATE_CLASS, "failed.topic"));
                duplicateTopics.addAll(transformSettings(config, DEDUP_CLASS, "duplicate.topic"));
            }
        }
        if (unbundleConfig.get("failed.topic") != null) {
            failedTopics.add(unbundleConfig.get("failed.topic"));
        }

        List<Stage> stages = new ArrayList<>();
        if (batchTopic != null) {
            stages.add(new Stage("ingest", "Ingest", "batches", Stage.Kind.TOPIC, batchTopic, edge, null));
        }
        failedTopics.stream().findFirst().ifPresent(t ->
                stages.add(new Stage("failed", "Failed", "records", Stage.Kind.TOPIC, t, null, null)));
        duplicateTopics.stream().findFirst().ifPresent(t ->
                stages.add(new Stage("duplicates", "Duplicates", "records", Stage.Kind.TOPIC, t, null, null)));
        if (unbundle != null && batchTopic != null) {
            stages.add(new Stage("unbundle", "Unbundle", "batches", Stage.Kind.SOURCE_READER, batchTopic, unbundle,
                    null));
        }
        if (enrichedTopic != null) {
            stages.add(new Stage("enriched", "Enriched", "events", Stage.Kind.TOPIC, enrichedTopic, unbundle, null));
        }
        addSink(stages, "archive", "Archive (S3)", "batches", archive, sorted);
        addSink(stages, "index", "Index", "events", index, sorted);
        if (replay != null) {
            stages.add(new Stage("replay", "Replay (archive)", "batches", Stage.Kind.TOPIC,
                    sorted.get(replay).getOrDefault("topic", "telemetry-replay-messages"), replay, null));
        }

        Map<String, String> offsetTopics = new TreeMap<>();
        if (unbundle != null) {
            offsetTopics.put(unbundle, unbundleConfig.getOrDefault("offsets.storage.topic", workerOffsetsTopic));
        }
        return new PipelineLayout(stages, offsetTopics);
    }

    private static void addSink(List<Stage> stages, String id, String label, String unit, String connector,
                                Map<String, Map<String, String>> configs) {
        if (connector == null) {
            return;
        }
        Map<String, String> config = configs.get(connector);
        String topics = config.getOrDefault("topics", "");
        String topic = topics.split(",")[0].trim();
        if (topic.isEmpty()) {
            return;
        }
        String group = config.getOrDefault("consumer.override.group.id", "connect-" + connector);
        stages.add(new Stage(id, label, unit, Stage.Kind.SINK, topic, connector, group));
    }

    /** The first connector of the class whose {@code key} names {@code topic}, else the first of the class. */
    private static String reading(Map<String, Map<String, String>> configs, String connectorClass, String key,
                                  String topic) {
        return configs.entrySet().stream()
                .filter(e -> connectorClass.equals(e.getValue().get("connector.class")))
                .filter(e -> topic != null && List.of(e.getValue().getOrDefault(key, "").split("\\s*,\\s*"))
                        .contains(topic))
                .map(Map.Entry::getKey).findFirst().orElseGet(() -> first(configs, connectorClass));
    }

    private static String first(Map<String, Map<String, String>> configs, String connectorClass) {
        return configs.entrySet().stream()
                .filter(e -> connectorClass.equals(e.getValue().get("connector.class")))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The values of {@code transforms.<alias>.<key>} for every transform alias of the given class. */
    private static List<String> transformSettings(Map<String, String> config, String transformClass, String key) {
        List<String> values = new ArrayList<>();
        for (String alias : config.getOrDefault("transforms", "").split(",")) {
            String prefix = "transforms." + alias.trim() + ".";
            if (transformClass.equals(config.get(prefix + "type")) && config.get(prefix + key) != null) {
                values.add(config.get(prefix + key));
            }
        }
        return values;
    }

    List<Stage> stages() {
        return stages;
    }

    /** Source connector → the topic its offsets are stored in. */
    Map<String, String> offsetTopics() {
        return offsetTopics;
    }

    Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        stages.forEach(s -> topics.add(s.topic()));
        return topics;
    }

    Stage stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

}
