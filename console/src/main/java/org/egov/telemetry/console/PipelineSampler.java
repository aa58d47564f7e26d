package org.egov.telemetry.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.egov.telemetry.core.SourceOffsetsTail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Looks at the cluster every few seconds, from the outside: topic end offsets and consumer-group offsets
 * through an admin client, source offsets by tailing the offsets topic, failure reasons by reading the failed
 * and duplicate topics' headers. It keeps the last {@link #HISTORY} of samples, so every worker answers for
 * the whole pipeline with rates over 10 s and 1 min, whichever worker is asked.
 */
final class PipelineSampler implements AutoCloseable {

    static final Duration HISTORY = Duration.ofSeconds(70);
    private static final Logger log = LoggerFactory.getLogger(PipelineSampler.class);
    private static final long TIMEOUT_S = 10;

    /** What the page and the metrics are built from, at one moment. */
    record Snapshot(PipelineLayout layout, List<Sample> samples, List<ReasonTally.Reason> reasons, long reasonsSince,
                    String error) {
    }

    private final Supplier<Map<String, Map<String, String>>> connectorConfigs;
    private final String workerOffsetsTopic;
    private final Admin admin;
    private final Function<String, SourceOffsetsTail> tails;
    private final ReasonTally tally;
    private final Map<String, SourceOffsetsTail> openTails = new HashMap<>();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telemetry-console-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile Snapshot snapshot;
    private boolean failing;

    /**
     * @param tails  opens a tail of the named offsets topic
     * @param tally  reads the failed and duplicate topics; owned by the sampler from now on
     */
    PipelineSampler(Supplier<Map<String, Map<String, String>>> connectorConfigs, String workerOffsetsTopic,
                    Admin admin, Function<String, SourceOffsetsTail> tails, ReasonTally tally) {
        this.connectorConfigs = connectorConfigs;
        this.workerOffsetsTopic = workerOffsetsTopic;
        this.admin = admin;
        this.tails = tails;
        this.tally = tally;
        this.snapshot = new Snapshot(PipelineLayout.of(Map.of(), workerOffsetsTopic), List.of(), List.of(), -1,
                "not sampled yet");
    }

    void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    private void sampleQuietly() {
        try {
            sample();
            failing = false;
        } catch (Exception | LinkageError e) {
            // a sample that throws would end the schedule; the next one may succeed
            if (!failing) {
                log.warn("The pipeline console cannot sample the cluster (it tries again every few seconds): {}",
                        e.toString());
            }
            failing = true;
            log.debug("Pipeline sample failed", e);
            Snapshot last = snapshot;
            snapshot = new Snapshot(last.layout(), last.samples(), last.reasons(), last.reasonsSince(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** One look at the cluster; visible for tests, which call it instead of {@link #start}. */
    void sample() throws Exception {
        PipelineLayout layout = PipelineLayout.of(connectorConfigs.get(), workerOffsetsTopic);
        Map<TopicPartition, Long> ends = endOffsets(layout.topics());
        Map<String, Long> positions = new HashMap<>();
        Map<String, Long> lags = new HashMap<>();
        Map<String, Integer> partitions = new HashMap<>();
        for (Stage stage : layout.stages()) {
            Map<TopicPartition, Long> topicEnds = new HashMap<>();
            ends.forEach((tp, end) -> {
                if (tp.topic().equals(stage.topic())) {
                    topicEnds.put(tp, end);
                }
            });
            long end = topicEnds.values().stream().mapToLong(Long::longValue).sum();
            partitions.put(stage.id(), topicEnds.size());
            if (stage.kind() == Stage.Kind.TOPIC) {
                positions.put(stage.id(), end);
                continue;
            }
            Map<TopicPartition, Long> read = stage.kind() == Stage.Kind.SINK
                    ? groupOffsets(stage.group()) : sourceOffsets(layout, stage.connector());
            long position = 0;
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> e : topicEnds.entrySet()) {
                long committed = read.getOrDefault(e.getKey(), 0L);
                position += committed;
                lag += Math.max(0, e.getValue() - committed);
            }
            positions.put(stage.id(), position);
            lags.put(stage.id(), lag);
        }
        Set<String> reasonTopics = new LinkedHashSet<>();
        for (String id : new String[] {"failed", "duplicates"}) {
            Stage stage = layout.stage(id);
            if (stage != null) {
                reasonTopics.add(stage.topic());
            }
        }
        tally.poll(reasonTopics, Duration.ofSeconds(1));

        long now = System.currentTimeMillis();
        samples.addLast(new Sample(now, Map.copyOf(positions), Map.copyOf(lags), Map.copyOf(partitions)));
        while (!samples.isEmpty() && samples.peekFirst().atMs() < now - HISTORY.toMillis()) {
            samples.removeFirst();
        }
        snapshot = new Snapshot(layout, List.copyOf(samples), tally.reasons(), tally.since(), null);
    }

    private Map<TopicPartition, Long> endOffsets(Set<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : described.entrySet()) {
            TopicDescription description;
            try {
                description = e.getValue().get(TIMEOUT_S, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException missing) {
                continue;                       // not created yet: no position
            }
            description.partitions().forEach(p -> latest.put(new TopicPartition(e.getKey(), p.partition()),
                    OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (!latest.isEmpty()) {
            Map<TopicPartition, ListOffsetsResultInfo> infos =
                    admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            infos.forEach((tp, info) -> ends.put(tp, info.offset()));
        }
        return ends;
    }

    private Map<TopicPartition, Long> groupOffsets(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> next = new HashMap<>();
        committed.forEach((tp, om) -> {
            if (om != null) {
                next.put(tp, om.offset());
            }
        });
        return next;
    }

    /** The next offset to read, per input partition, from a source connector's committed source offsets. */
    private Map<TopicPartition, Long> sourceOffsets(PipelineLayout layout, String connector) throws Exception {
        String offsetsTopic = layout.offsetTopics().get(connector);
        SourceOffsetsTail tail = openTails.computeIfAbsent(offsetsTopic, tails);
        tail.catchUp(Duration.ofSeconds(TIMEOUT_S));
        Map<TopicPartition, Long> next = new HashMap<>();
        for (Map.Entry<JsonNode, JsonNode> e : tail.offsets(connector).entrySet()) {
            JsonNode partition = e.getKey();
            JsonNode offset = e.getValue();
            if (partition.hasNonNull("topic") && partition.has("partition") && offset.hasNonNull("offset")) {
                next.put(new TopicPartition(partition.get("topic").asText(), partition.get("partition").asInt()),
                        offset.get("offset").asLong() + 1);
            }
        }
        return next;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        openTails.values().forEach(SourceOffsetsTail::close);
        tally.close();
        admin.close(Duration.ofSeconds(5));
    }

}
