package org.egov.telemetry.bench.unbundle;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The unbundle-source hop on an {@link EmbeddedConnectCluster} (one broker, one worker, exactly-once), run
 * over the same input twice: once with no SMT, once with validate(event) → dedup(mid) → enrich as
 * {@code connectors/} configures them. Prints events/s of each and the cost ratio (bare / chain).
 * The clock of a run starts at its first committed output record and stops at its last, so that task
 * start-up (building the user-agent parser, say) is not counted.
 *
 * <p>Arguments (all optional): {@code batches=N} (default 20000), {@code events=N} per batch (default 10),
 * {@code rounds=N} alternating bare/chain pairs (default 3).
 */
public final class UnbundleHopBenchmark {

    private static final String INPUT = "bench-batches";

    private final EmbeddedConnectCluster connect;
    private final int batches;
    private final int eventsPerBatch;
    private final Path tenants = SampleTelemetry.tenantTable();

    private UnbundleHopBenchmark(EmbeddedConnectCluster connect, int batches, int eventsPerBatch) {
        this.connect = connect;
        this.batches = batches;
        this.eventsPerBatch = eventsPerBatch;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        int batches = Integer.parseInt(options.getOrDefault("batches", "20000"));
        int events = Integer.parseInt(options.getOrDefault("events", "10"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));

        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("offsets.topic.replication.factor", "1");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name("unbundle-bench").numWorkers(1).numBrokers(1).brokerProps(broker)
                .workerProps(new HashMap<>(Map.of("exactly.once.source.support", "enabled",
                        "plugin.discovery", "service_load", "offset.flush.interval.ms", "1000")))
                .build();
        connect.start();
        try {
            UnbundleHopBenchmark bench = new UnbundleHopBenchmark(connect, batches, events);
            bench.fillInput();
            double bare = 0;
            double chain = 0;
            for (int round = 1; round <= rounds; round++) {
                double b = bench.run("bare-" + round, false);
                double c = bench.run("chain-" + round, true);
                System.out.printf(Locale.ROOT, "round %d: bare hop %.0f events/s, chain hop %.0f events/s%n",
                        round, b, c);
                bare = Math.max(bare, b);
                chain = Math.max(chain, c);
            }
            System.out.printf(Locale.ROOT, "unbundle hop, %d batches x %d events, best of %d rounds:%n",
                    batches, events, rounds);
            System.out.printf(Locale.ROOT, "  without SMTs: %.0f events/s%n", bare);
            System.out.printf(Locale.ROOT, "  with validate -> dedup -> enrich: %.0f events/s%n", chain);
            System.out.printf(Locale.ROOT, "  cost ratio (bare/chain): %.2fx (target <= 1.30x)%n", bare / chain);
        } finally {
            connect.stop();
        }
    }

    private void fillInput() {
        connect.kafka().createTopic(INPUT, 1);
        Map<String, Object> props = Map.of("bootstrap.servers", connect.kafka().bootstrapServers(),
                "linger.ms", 20, "batch.size", 262_144, "acks", "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < batches; i++) {
                String mid = "batch-" + i;
                producer.send(new ProducerRecord<>(INPUT, mid, SampleTelemetry.batch(mid, eventsPerBatch)));
            }
            producer.flush();
        }
    }

    /** Runs the connector over the whole input into a fresh topic; returns events/s. */
    private double run(String name, boolean withChain) throws InterruptedException {
        String output = "bench-out-" + name;
        connect.kafka().createTopic(output, 1);
        connect.kafka().createTopic("bench-failed-" + name, 1);
        connect.kafka().createTopic("bench-duplicates-" + name, 1);
        connect.configureConnector(name, config(name, output, withChain));
        long expected = (long) batches * eventsPerBatch;
        long first = 0;
        long last = 0;
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(output)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    long now = System.nanoTime();
                    first = seen == 0 ? now : first;
                    last = now;
                    seen += records.count();
                }
            }
        }
        connect.deleteConnector(name);
        if (seen < expected) {
            throw new IllegalStateException(name + ": only " + seen + " of " + expected + " events arrived");
        }
        double seconds = (last - first) / 1e9;
        return seconds <= 0 ? Double.NaN : expected / seconds;
    }

    private KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", connect.kafka().bootstrapServers());
        props.put("group.id", "bench-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        props.put("max.poll.records", 5000);
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private Map<String, String> config(String name, String output, boolean withChain) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.egov.telemetry.unbundle.UnbundleSourceConnector");
        config.put("tasks.max", "1");
        config.put("exactly.once.support", "required");
        config.put("input.topic", INPUT);
        config.put("input.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("output.topic", output);
        config.put("failed.topic", "bench-failed-" + name);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        if (withChain) {
            config.put("transforms", "validate,dedup,enrich");
            config.put("transforms.validate.type", "org.egov.telemetry.validate.ValidateTelemetry");
            config.put("transforms.validate.predicate", "isEventTopic");
            config.put("transforms.validate.mode", "event");
            config.put("transforms.validate.profile", "digit");
            config.put("transforms.validate.failed.topic", "bench-failed-" + name);
            config.put("transforms.dedup.type", "org.egov.telemetry.dedup.DeduplicateTelemetry");
            config.put("transforms.dedup.predicate", "isEventTopic");
            config.put("transforms.dedup.key", "mid");
            config.put("transforms.dedup.behavior.on.duplicate", "route");
            config.put("transforms.dedup.duplicate.topic", "bench-duplicates-" + name);
            config.put("transforms.enrich.type", "org.egov.telemetry.enrich.EnrichTelemetry");
            config.put("transforms.enrich.predicate", "isEventTopic");
            config.put("transforms.enrich.useragent.enabled", "true");
            config.put("transforms.enrich.tenancy.enabled", "true");
            config.put("transforms.enrich.lookups", "tenant");
            config.put("transforms.enrich.lookup.tenant.key.field", "tenant.tenantId");
            config.put("transforms.enrich.lookup.tenant.target.field", "tenantdata");
            config.put("transforms.enrich.lookup.tenant.file", tenants.toString());
            config.put("predicates", "isEventTopic");
            config.put("predicates.isEventTopic.type",
                    "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
            config.put("predicates.isEventTopic.pattern", output);
        }
        return config;
    }
}
