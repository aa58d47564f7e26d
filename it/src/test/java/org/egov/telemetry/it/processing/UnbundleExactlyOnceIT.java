package org.egov.telemetry.it.processing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.egov.telemetry.it.support.ConnectClusters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once unbundling across a worker that dies mid-stream: the unbundle source runs with two tasks on
 * its own cluster (it is destroyed here, so it is not the shared stack), the worker is removed while events
 * flow and a new one takes over; and the batch topic grows under load. A read_committed consumer of the output
 * must see every input event once.
 */
class UnbundleExactlyOnceIT {

    private static final String INPUT = "eos-batches";
    private static final String OUTPUT = "eos-events";
    private static final String FAILED = "eos-failed";
    private static final String GROWING_INPUT = "eos-growing-batches";
    private static final String CONNECTOR = "eos-unbundle";
    private static final int EVENTS_PER_BATCH = 10;
    private static final int BATCHES_BEFORE = 6_000;
    private static final int BATCHES_AFTER = 2_000;

    private EmbeddedConnectCluster connect;

    @BeforeEach
    void startCluster() {
        connect = ConnectClusters.start("unbundle-eos", 1, Map.of(
                "offset.flush.interval.ms", "1000",
                // The old task gets no time to finish cleanly: its producer is fenced by the new worker.
                "task.shutdown.graceful.timeout.ms", "1"));
        connect.kafka().createTopic(INPUT, 2);
        connect.kafka().createTopic(OUTPUT, 3);
        connect.kafka().createTopic(FAILED, 1);
    }

    @AfterEach
    void stopCluster() {
        connect.stop();
    }

    @Test
    void everyEventIsWrittenOnceAcrossAWorkerThatDiesMidStream() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        produceBatches(run, 0, BATCHES_BEFORE);
        connect.configureConnector(CONNECTOR, connectorConfig(INPUT, 2));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "unbundle did not start");

        try (OutputCounter output = new OutputCounter(connect.kafka().bootstrapServers())) {
            output.readUntilAtLeast(5_000, Duration.ofMinutes(2));
            connect.removeWorker();
            long seenWhenKilled = output.total();
            System.out.printf("worker removed after %d of %d events were committed%n", seenWhenKilled,
                    (long) BATCHES_BEFORE * EVENTS_PER_BATCH);
            assertThat(seenWhenKilled).as("events committed when the worker died")
                    .isLessThan((long) BATCHES_BEFORE * EVENTS_PER_BATCH);

            produceBatches(run, BATCHES_BEFORE, BATCHES_AFTER);
            connect.addWorker();
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "unbundle did not resume");

            int expected = (BATCHES_BEFORE + BATCHES_AFTER) * EVENTS_PER_BATCH;
            output.readUntilAtLeast(expected, Duration.ofMinutes(3));
            output.readFor(Duration.ofSeconds(3)); // anything more would be a duplicate

            assertThat(output.total()).isEqualTo(expected);
            assertThat(output.distinctMids()).isEqualTo(expected);
            for (int batch = 0; batch < BATCHES_BEFORE + BATCHES_AFTER; batch += 997) {
                assertThat(output.seen(mid(run, batch, EVENTS_PER_BATCH - 1))).isTrue();
            }
        }
    }

    /**
     * Partitions added to the batch topic while batches flow: the connector notices them, Connect gives it more
     * tasks, the new partitions are read from their beginning, and every event is written once.
     */
    @Test
    void partitionsAddedUnderLoadAreUnbundledAndEveryEventWrittenOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        connect.kafka().createTopic(GROWING_INPUT, 1);
        Map<String, String> config = connectorConfig(GROWING_INPUT, 3);
        config.put("input.partition.check.interval.ms", "1000");
        connect.configureConnector(CONNECTOR, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, "unbundle did not start");

        try (OutputCounter output = new OutputCounter(connect.kafka().bootstrapServers());
             SteadyProducer producer = new SteadyProducer(connect.kafka().bootstrapServers(), run)) {
            output.readUntilAtLeast(2_000, Duration.ofMinutes(1));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", connect.kafka().bootstrapServers()))) {
                admin.createPartitions(Map.of(GROWING_INPUT, NewPartitions.increaseTo(3))).all().get();
            }
            long grownAt = System.nanoTime();
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 3,
                    "unbundle did not take the new partitions");
            System.out.printf("3 tasks running %d ms after the topic grew to 3 partitions%n",
                    (System.nanoTime() - grownAt) / 1_000_000);
            producer.runUntilEachPartitionHas(3, 300, Duration.ofMinutes(1));
            producer.close();

            long expected = (long) producer.sent() * EVENTS_PER_BATCH;
            output.readUntilAtLeast(expected, Duration.ofMinutes(2));
            output.readFor(Duration.ofSeconds(3)); // anything more would be a duplicate
            System.out.printf("%d batches (per partition %s), %d events read once each%n", producer.sent(),
                    producer.perPartition(), output.total());
            assertThat(output.total()).isEqualTo(expected);
            assertThat(output.distinctMids()).isEqualTo(expected);
        }
    }

    private Map<String, String> connectorConfig(String input, int tasksMax) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.egov.telemetry.unbundle.UnbundleSourceConnector");
        config.put("tasks.max", Integer.toString(tasksMax));
        config.put("exactly.once.support", "required");
        config.put("input.topic", input);
        config.put("input.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("output.topic", OUTPUT);
        config.put("failed.topic", FAILED);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private void produceBatches(String run, int first, int count) {
        Map<String, Object> props = Map.of("bootstrap.servers", connect.kafka().bootstrapServers(),
                "linger.ms", 5, "acks", "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int batch = first; batch < first + count; batch++) {
                producer.send(new ProducerRecord<>(INPUT, batch % 2, "batch-" + batch, batch(run, batch)));
            }
            producer.flush();
        }
    }

    private static String batch(String run, int batch) {
        StringBuilder json = new StringBuilder("{\"id\":\"ekstep.telemetry\",\"ver\":\"3.0\",\"ets\":1764300000000,")
                .append("\"mid\":\"batch-").append(run).append('-').append(batch)
                .append("\",\"syncts\":1764300000500,\"events\":[");
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            json.append(i == 0 ? "" : ",").append("{\"eid\":\"INTERACT\",\"ets\":1764300000000,\"ver\":\"3.0\",")
                    .append("\"mid\":\"").append(mid(run, batch, i)).append("\",\"edata\":{\"type\":\"CLICK\"}}");
        }
        return json.append("]}").toString();
    }

    private static String mid(String run, int batch, int event) {
        return "INTERACT:" + run + "-" + batch + "-" + event;
    }

    /** Sends batches one after another from its own thread, keyed, to whatever partitions the topic has. */
    private static final class SteadyProducer implements AutoCloseable {

        private final KafkaProducer<String, String> producer;
        private final Map<Integer, Integer> perPartition = new ConcurrentHashMap<>();
        private final AtomicInteger sent = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        SteadyProducer(String bootstrapServers, String run) {
            // a short metadata age, so new partitions are written to soon after they exist
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
                    "linger.ms", 5, "metadata.max.age.ms", 500), new StringSerializer(), new StringSerializer());
            thread = new Thread(() -> {
                for (int batch = 0; running; batch++) {
                    try {
                        RecordMetadata written = producer.send(new ProducerRecord<>(GROWING_INPUT,
                                "batch-" + batch, batch(run, batch))).get();
                        perPartition.merge(written.partition(), 1, Integer::sum);
                        sent.incrementAndGet();
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("a batch was not written", e);
                    }
                }
            }, "steady-producer");
            thread.start();
        }

        void runUntilEachPartitionHas(int partitions, int batches, Duration atMost) throws InterruptedException {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < deadline && !(perPartition.size() == partitions
                    && perPartition.values().stream().allMatch(count -> count >= batches))) {
                Thread.sleep(100);
            }
            assertThat(perPartition).as("batches written per partition").hasSize(partitions)
                    .allSatisfy((partition, count) -> assertThat(count).isGreaterThanOrEqualTo(batches));
        }

        int sent() {
            return sent.get();
        }

        Map<Integer, Integer> perPartition() {
            return Map.copyOf(perPartition);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
            producer.close();
        }
    }

    /** A read_committed consumer of the output that counts every record and the distinct keys (mids). */
    private static final class OutputCounter implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Map<String, Integer> mids = new HashMap<>();
        private long total;

        OutputCounter(String bootstrapServers) {
            Map<String, Object> props = new HashMap<>();
            props.put("bootstrap.servers", bootstrapServers);
            props.put("group.id", "eos-check-" + UUID.randomUUID());
            props.put("auto.offset.reset", "earliest");
            props.put("isolation.level", "read_committed");
            props.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
            props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
            consumer = new KafkaConsumer<>(props);
            consumer.subscribe(java.util.List.of(OUTPUT));
        }

        void readUntilAtLeast(long count, Duration atMost) {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (total < count && System.nanoTime() < deadline) {
                poll(Duration.ofMillis(200));
            }
        }

        void readFor(Duration duration) {
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                poll(Duration.ofMillis(200));
            }
        }

        private void poll(Duration timeout) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                total++;
                mids.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
        }

        long total() {
            return total;
        }

        long distinctMids() {
            return mids.size();
        }

        boolean seen(String mid) {
            return mids.getOrDefault(mid, 0) == 1;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
