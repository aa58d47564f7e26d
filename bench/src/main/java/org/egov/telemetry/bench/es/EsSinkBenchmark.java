package org.egov.telemetry.bench.es;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.core.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The es-sink's indexing rate against a direct {@code _bulk} loader, on the same node with the same documents and
 * batch size. The documents are produced once to an event topic on an in-JVM Kafka broker with an in-JVM Connect
 * worker beside it; then, per round, the loader posts them in batches ({@code inflight} requests at a time, the
 * sink's {@code max.in.flight.requests}) into a fresh index, and the sink connector (the JSON in connectors/,
 * address and names changed, a new consumer group) reads them from the topic into another fresh index. Both rates
 * are clocked the same way, from the first poll that sees a document indexed to the poll that sees them all, so
 * the connector's start and its consumer's group join are not counted against the sink. Warm-up rounds of each
 * (node, and the Connect worker's code) come first. Prints each round with the time this JVM's JIT compilers spent
 * during each load (a load that still compiles much is not yet steady state, and on a small machine takes cores
 * from the node), the best of each side and their ratio.
 *
 * <p>Arguments (key=value): {@code url} of a running Elasticsearch or OpenSearch node (required), {@code docs}
 * (default 200000), {@code batch} (default 500), {@code inflight} (default 5), {@code warmup} (rounds of each before
 * the measured ones, default 2), {@code rounds} (default 3).
 */
public final class EsSinkBenchmark {

    /** The request the sink sends: the same response filter, so both ask the node for the same work. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private EsSinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("docs", "200000", "batch", "500", "inflight", "5",
                "warmup", "2", "rounds", "3"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        String url = options.get("url");
        if (url == null) {
            throw new IllegalArgumentException(
                    "usage: url=http://127.0.0.1:9200 [docs=200000] [batch=500] [inflight=5] [warmup=2] [rounds=3]");
        }
        int docs = Integer.parseInt(options.get("docs"));
        int batch = Integer.parseInt(options.get("batch"));
        int inflight = Integer.parseInt(options.get("inflight"));
        int warmup = Integer.parseInt(options.get("warmup"));
        int rounds = Integer.parseInt(options.get("rounds"));
        System.out.printf("node %s: %s%n", url, request(url, "GET", "/", null).replaceAll("\\s+", " "));

        List<String> mids = new ArrayList<>(docs);
        List<byte[]> sources = new ArrayList<>(docs);
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        for (int i = 0; i < docs; i++) {
            String mid = "IMPRESSION:bench-" + i;
            mids.add(mid);
            sources.add(Json.toBytes(event(mid, at.plusMillis(i))));
        }

        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name("es-sink-bench").numWorkers(1).numBrokers(1)
                .workerProps(new HashMap<>(Map.of("plugin.discovery", "service_load",
                        "offset.flush.interval.ms", "5000")))
                .build();
        connect.start();
        ExecutorService pool = Executors.newFixedThreadPool(inflight + 1);
        try {
            String topic = "bench-events";
            produce(connect, topic, mids, sources);
            for (int round = 1; round <= warmup; round++) {
                Load direct = directLoad(pool, url, "bench-warmup-direct-" + round, mids, sources, batch);
                Load sink = sinkLoad(connect, pool, url, "bench-warmup-sink-" + round, topic, mids.size(), batch,
                        inflight);
                System.out.printf("warm-up %d: direct _bulk %s, es-sink %s%n", round, direct, sink);
            }
            double bestDirect = 0;
            double bestSink = 0;
            for (int round = 1; round <= rounds; round++) {
                Load direct = directLoad(pool, url, "bench-direct-" + round, mids, sources, batch);
                Load sink = sinkLoad(connect, pool, url, "bench-sink-" + round, topic, mids.size(), batch, inflight);
                System.out.printf("round %d: direct _bulk %s, es-sink %s, ratio %.2f%n",
                        round, direct, sink, sink.docsPerSecond() / direct.docsPerSecond());
                bestDirect = Math.max(bestDirect, direct.docsPerSecond());
                bestSink = Math.max(bestSink, sink.docsPerSecond());
            }
            System.out.printf("direct _bulk loader: %,d documents in batches of %d, %d in flight: %,.0f docs/s%n",
                    docs, batch, inflight, bestDirect);
            System.out.printf("es-sink via Connect:  %,d documents in batches of %d, %d in flight: %,.0f docs/s%n",
                    docs, batch, inflight, bestSink);
            System.out.printf("ratio sink/direct (best of %d rounds each): %.2f (target >= 0.9)%n", rounds,
                    bestSink / bestDirect);
        } finally {
            pool.shutdownNow();
            connect.stop();
        }
    }

    private static void produce(EmbeddedConnectCluster connect, String topic, List<String> mids,
                                List<byte[]> sources) {
        connect.kafka().createTopic(topic, 1);
        Map<String, Object> producerProps = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < mids.size(); i++) {
                producer.send(new ProducerRecord<>(topic, mids.get(i), sources.get(i)));
            }
            producer.flush();
        }
    }

    /** One load's indexing rate and the JIT compilation time this JVM spent while it ran. */
    private record Load(double docsPerSecond, long jitMillis) {
        @Override
        public String toString() {
            return String.format("%,.0f docs/s (JIT %,d ms)", docsPerSecond, jitMillis);
        }
    }

    /**
     * Posts the documents in batches, {@code pool}'s size less one at a time; returns the indexing rate and JIT time.
     */
    private static Load directLoad(ExecutorService pool, String url, String index, List<String> mids,
                                   List<byte[]> sources, int batch) throws Exception {
        createIndex(url, index);
        long jitBefore = JIT.getTotalCompilationTime();
        Future<Double> rate = pool.submit(() -> indexingRate(url, index, mids.size()));
        List<Future<String>> answers = new ArrayList<>();
        for (int from = 0; from < mids.size(); from += batch) {
            byte[] body = BulkBodies.body(index, mids, sources, from, Math.min(from + batch, mids.size()));
            answers.add(pool.submit(() -> request(url, "POST", BulkBodies.PATH, body)));
        }
        for (Future<String> answer : answers) {
            if (answer.get().contains("\"error\"")) {
                throw new IllegalStateException("the node rejected documents of the direct load");
            }
        }
        Load result = new Load(rate.get(), JIT.getTotalCompilationTime() - jitBefore);
        request(url, "DELETE", "/" + index, null);
        return result;
    }

    private static Load sinkLoad(EmbeddedConnectCluster connect, ExecutorService pool, String url, String index,
                                 String topic, int docs, int batch, int inflight) throws Exception {
        createIndex(url, index);
        Map<String, String> config = connectorConfig();
        config.put("connection.url", url);
        config.put("topics", topic);
        config.put("index.name", index);
        config.put("index.template.install", "false");     // the direct load writes with dynamic mappings too
        config.put("batch.size", Integer.toString(batch));
        config.put("max.in.flight.requests", Integer.toString(inflight));
        config.remove("consumer.override.isolation.level");
        long jitBefore = JIT.getTotalCompilationTime();
        Future<Double> rate = pool.submit(() -> indexingRate(url, index, docs));
        String name = "es-sink-bench-" + index;
        connect.configureConnector(name, config);
        Load result = new Load(rate.get(), JIT.getTotalCompilationTime() - jitBefore);
        connect.deleteConnector(name);
        request(url, "DELETE", "/" + index, null);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> connectorConfig() throws IOException {
        Path file = Path.of(System.getProperty("repo.root", ".."), "connectors", "telemetry-es-sink.json");
        if (!Files.exists(file)) {
            file = Path.of("connectors", "telemetry-es-sink.json");
        }
        Map<String, Object> config = (Map<String, Object>) Json.parseObject(Files.readAllBytes(file)).get("config");
        Map<String, String> out = new HashMap<>();
        config.forEach((key, value) -> out.put(key, String.valueOf(value)));
        return out;
    }

    private static Map<String, Object> event(String mid, Instant at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eid", "IMPRESSION");
        event.put("ets", at.toEpochMilli());
        event.put("ver", "3.0");
        event.put("mid", mid);
        event.put("actor", Map.of("id", "user-1", "type", "User"));
        event.put("context", Map.of("channel", "pb.amritsar", "env", "pgr", "did", "device-1"));
        event.put("edata", Map.of("type", "view", "pageid", "complaints", "uri", "/complaints/" + mid));
        event.put("syncts", at.toEpochMilli() + 1000);
        event.put("@timestamp", at.toString());
        return event;
    }

    private static void createIndex(String url, String index) throws IOException, InterruptedException {
        request(url, "PUT", "/" + index, "{\"settings\":{\"index.number_of_shards\":1,\"index.number_of_replicas\":0}}"
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Documents per second of an index filling up to {@code expected}: from the first poll that sees a document
     * indexed to the poll that sees them all, counting only what was indexed in between. Polls the index's
     * indexing statistics, which count documents as they are written (no refresh needed, so polling costs the node
     * next to nothing); then checks with a refresh and {@code _count} that all of them are searchable.
     */
    @SuppressWarnings("unchecked")
    private static double indexingRate(String url, String index, long expected) throws Exception {
        long firstNanos = 0;
        long firstCount = 0;
        while (true) {
            String answer = request(url, "GET", "/" + index
                    + "/_stats/indexing?filter_path=_all.primaries.indexing.index_total", null);
            long now = System.nanoTime();
            Map<String, Object> all = (Map<String, Object>) Json.parseObject(answer).get("_all");
            Map<String, Object> indexing = all == null ? null
                    : (Map<String, Object>) ((Map<String, Object>) all.get("primaries")).get("indexing");
            long count = indexing == null ? 0 : ((Number) indexing.get("index_total")).longValue();
            if (count > 0 && firstNanos == 0) {
                firstNanos = now;
                firstCount = count;
            }
            if (count >= expected) {
                request(url, "POST", "/" + index + "/_refresh", null);
                String searchable = request(url, "GET", "/" + index + "/_count", null);
                long documents = ((Number) Json.parseObject(searchable).get("count")).longValue();
                if (documents != expected) {
                    throw new IllegalStateException(index + " holds " + documents + " documents, not " + expected);
                }
                return (count - firstCount) / ((now - firstNanos) / 1e9);
            }
            Thread.sleep(20);
        }
    }

    private static String request(String url, String method, String path, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
