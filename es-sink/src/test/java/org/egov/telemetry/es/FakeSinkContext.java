package org.egov.telemetry.es;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A sink task context that records pauses, resumes and dead-lettered records. */
final class FakeSinkContext implements SinkTaskContext {

    final Set<TopicPartition> assignment;
    final List<SinkRecord> deadLettered = new ArrayList<>();
    private final boolean deadLetterQueue;
    private final Map<TopicPartition, Boolean> paused = new HashMap<>();
    /** What the worker offers the task for its own metrics; null as in a worker without them. */
    PluginMetrics pluginMetrics;

    FakeSinkContext(Set<TopicPartition> assignment, boolean deadLetterQueue) {
        this.assignment = assignment;
        this.deadLetterQueue = deadLetterQueue;
    }

    boolean isPaused(TopicPartition partition) {
        return paused.getOrDefault(partition, false);
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
        for (TopicPartition partition : partitions) {
            paused.put(partition, true);
        }
    }

    @Override
    public void resume(TopicPartition... partitions) {
        for (TopicPartition partition : partitions) {
            paused.put(partition, false);
        }
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!deadLetterQueue) {
            return null;
        }
        return (record, error) -> {
            deadLettered.add(record);
            return CompletableFuture.completedFuture(null);
        };
    }
}
