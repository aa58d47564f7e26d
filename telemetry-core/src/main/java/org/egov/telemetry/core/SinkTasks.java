package org.egov.telemetry.core;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** What the sink tasks take from Connect, taken one way. */
public final class SinkTasks {

    private SinkTasks() {
    }

    /** The dead letter queue's reporter; null when the connector has none, or without a context. */
    public static ErrantRecordReporter errantRecordReporter(SinkTaskContext context) {
        return context == null ? null : context.errantRecordReporter();
    }

    /** The task's plugin metrics; null without a context, or from a context that has none. */
    public static PluginMetrics pluginMetrics(SinkTaskContext context) {
        try {
            return context == null ? null : context.pluginMetrics();
        } catch (UnsupportedOperationException none) {
            return null;
        }
    }

    /**
     * The topic partition a record was consumed from, whatever SMTs renamed: the one its offset is committed for.
     * A record made without an original partition has only its current one.
     */
    public static TopicPartition originalPartition(SinkRecord record) {
        Integer partition = record.originalKafkaPartition();
        return new TopicPartition(record.originalTopic(), partition != null ? partition : record.kafkaPartition());
    }
}
