package org.egov.telemetry.it.sdk;

import org.egov.telemetry.it.support.CommittedRecords;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What a topic holds, read from the start by a {@code read_committed} consumer. */
final class CommittedTopic {

    private final EmbeddedKafkaCluster kafka;
    private final String topic;

    CommittedTopic(EmbeddedKafkaCluster kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    String name() {
        return topic;
    }

    /**
     * Waits (up to {@code deadline}) until at least {@code expected} committed records match, then returns every
     * matching record committed by then, so that one too many is seen as well.
     */
    List<ConsumerRecord<byte[], byte[]>> awaitMatching(Predicate<ConsumerRecord<byte[], byte[]>> match, int expected,
                                                       Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        List<ConsumerRecord<byte[], byte[]>> found = matching(match);
        while (found.size() < expected && System.nanoTime() - end < 0) {
            sleep();
            found = matching(match);
        }
        return found;
    }

    /** Every committed record that matches, in offset order. */
    List<ConsumerRecord<byte[], byte[]>> matching(Predicate<ConsumerRecord<byte[], byte[]>> match) {
        return readAll().stream().filter(match).toList();
    }

    /** Everything committed to the topic so far (up to its last stable offsets). */
    List<ConsumerRecord<byte[], byte[]>> readAll() {
        return CommittedRecords.readAll(kafka, topic);
    }

    /** A predicate: the record is a batch whose {@code params.msgid} is one of {@code msgids}. */
    static Predicate<ConsumerRecord<byte[], byte[]>> batchWithMsgid(List<String> msgids) {
        return record -> msgids.contains(msgid(value(record)));
    }

    static Map<String, Object> value(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Json.parseObject(record.value());
        } catch (IOException e) {
            throw new AssertionError("Record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " is not a JSON object", e);
        }
    }

    static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String msgid(Map<String, Object> batch) {
        return batch.get("params") instanceof Map<?, ?> params && params.get("msgid") instanceof String msgid
                ? msgid : null;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a topic", e);
        }
    }
}
