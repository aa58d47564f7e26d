package org.egov.telemetry.console;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.egov.telemetry.core.ConsumerCatchUp;
import org.egov.telemetry.core.ErrorHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the records of the failed and duplicate topics by the reason in their headers, incrementally: it
 * starts at most {@link #SEED} records before each partition's end and from then on reads only what is new.
 * Only headers are looked at. The number of distinct reasons kept per topic is capped; the rest count as
 * {@link #OTHER}.
 */
final class ReasonTally implements AutoCloseable {

    static final int SEED = 10_000;
    static final int MAX_REASONS = 50;
    static final String OTHER = "(other reasons)";
    static final String DUPLICATE = "seen before within the dedup window";
    private static final int MAX_REASON_CHARS = 160;

    record Reason(String topic, String stage, String reason, long count) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Map<String, Map<List<String>, Long>> counts = new HashMap<>();
    private Set<String> topics = Set.of();
    private long since = -1;

    ReasonTally(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Follows the given topics (re-assigning when they change) and reads what is new, for at most {@code budget}. */
    void poll(Set<String> wanted, Duration budget) {
        if (!wanted.equals(topics)) {
            assign(wanted);
        }
        if (topics.isEmpty()) {
            return;
        }
        ConsumerCatchUp.readToEnd(consumer, budget, this::count);
    }

    private void assign(Set<String> wanted) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : wanted) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, Math.max(starts.get(tp), ends.get(tp) - SEED));
        }
        counts.keySet().retainAll(wanted);
        topics = Set.copyOf(wanted);
        if (since < 0) {
            since = System.currentTimeMillis();
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> r) {
        String stage = header(r, ErrorHeaders.STAGE);
        String reason = header(r, ErrorHeaders.REASON);
        if (reason == null) {
            reason = DUPLICATE;
        } else if (reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS) + "…";
        }
        Map<List<String>, Long> byReason = counts.computeIfAbsent(r.topic(), t -> new LinkedHashMap<>());
        List<String> key = List.of(stage == null ? "" : stage, reason);
        if (!byReason.containsKey(key) && byReason.size() >= MAX_REASONS) {
            key = List.of("", OTHER);
        }
        byReason.merge(key, 1L, Long::sum);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Counts so far, largest first. */
    List<Reason> reasons() {
        List<Reason> out = new ArrayList<>();
        counts.forEach((topic, byReason) -> byReason.forEach((key, n) ->
                out.add(new Reason(topic, key.get(0), key.get(1), n))));
        out.sort((a, b) -> Long.compare(b.count(), a.count()));
        return out;
    }

    /** When counting began (epoch ms), or -1 before the first poll. */
    long since() {
        return since;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
