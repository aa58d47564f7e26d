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
 * batch size: first the loader posts the documents in batches ({@code inflight} requests at a time, the sink's
 * {@code max.in.flight.requests}); then the documents are produced to an event topic on an in-JVM Kafka broker and
 * the sink connector (the JSON in connectors/, address and names changed) runs on an in-JVM Connect worker. Each
 * rate is documents over the time until the index count reached them all (for the sink: from the connector's
 * registration). Prints both and their ratio.
 *
 * <p>Arguments (key=value): {@code url} of a running Elasticsearch or OpenSearch node (required), {@code docs}
 * (default 200000), {@code batch} (default 500), {@code inflight} (default 5).
 */
public final class EsSinkBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EsSinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("docs", "200000", "batch", "500", "inflight", "5"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        String url = options.get("url");
        if (url == null) {
            throw new IllegalArgumentException("usage: url=http://127.0.0.1:9200 [docs=200000] [batch=500] [inflight=5]");
        }
        int docs = Integer.parseInt(options.get("docs"));
        int batch = Integer.parseInt(options.get("batch"));
        int inflight = Integer.parseInt(options.get("inflight"));
        System.out.printf("node %s: %s%n", url, request(url, "GET", "/", null).replaceAll("\\s+", " "));

        List<String> mids = new ArrayList<>(docs);
        List<byte[]> sources = new ArrayList<>(docs);
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        for (int i = 0; i < docs; i++) {
            String mid = "IMPRESSION:bench-" + i;
            mids.add(mid);
            sources.add(Json.toBytes(event(mid, at.plusMillis(i))));
        }

        String directIndex = "bench-direct-" + System.currentTimeMillis();
        double direct = directLoad(url, directIndex, mids, sources, batch, inflight);
        System.out.printf("direct _bulk loader: %,d documents in batches of %d, %d in flight: %,.0f docs/s%n",
                docs, batch, inflight, direct);
        request(url, "DELETE", "/" + directIndex, null);

        String sinkIndex = "bench-sink-" + System.currentTimeMillis();
        double sink = sinkLoad(url, sinkIndex, mids, sources, batch, inflight);
        System.out.printf("es-sink via Connect:  %,d documents in batches of %d, %d in flight: %,.0f docs/s%n",
                docs, batch, inflight, sink);
        request(url, "DELETE", "/" + sinkIndex, null);
        System.out.printf("ratio sink/direct: %.2f (target >= 0.9)%n", sink / direct);
    }

    private static double directLoad(String url, String index, List<String> mids, List<byte[]> sources, int batch,
                                     int inflight) throws Exception {
        createIndex(url, index);
        ExecutorService pool = Executors.newFixedThreadPool(inflight);
        long began = System.nanoTime();
        List<Future<String>> answers = new ArrayList<>();
        for (int from = 0; from < mids.size(); from += batch) {
            byte[] body = bulkBody(index, mids, sources, from, Math.min(from + batch, mids.size()));
            answers.add(pool.submit(() -> request(url, "POST", "/_bulk", body)));
        }
        for (Future<String> answer : answers) {
            if (answer.get().contains("\"errors\":true")) {
                throw new IllegalStateException("the node rejected documents of the direct load");
            }
        }
        awaitCount(url, index, mids.size());
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        return mids.size() / seconds;
    }

    private static double sinkLoad(String url, String index, List<String> mids, List<byte[]> sources, int batch,
                                   int inflight) throws Exception {
        createIndex(url, index);
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name("es-sink-bench").numWorkers(1).numBrokers(1)
                .workerProps(new HashMap<>(Map.of("plugin.discovery", "service_load",
                        "offset.flush.interval.ms", "5000")))
                .build();
        connect.start();
        try {
            String topic = "bench-events";
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
            Map<String, String> config = connectorConfig();
            config.put("connection.url", url);
            config.put("topics", topic);
            config.put("index.name", index);
            config.put("index.template.install", "false");     // the direct load writes with dynamic mappings too
            config.put("batch.size", Integer.toString(batch));
            config.put("max.in.flight.requests", Integer.toString(inflight));
            config.remove("consumer.override.isolation.level");
            long began = System.nanoTime();
            connect.configureConnector("es-sink-bench", config);
            awaitCount(url, index, mids.size());
            return mids.size() / ((System.nanoTime() - began) / 1e9);
        } finally {
            connect.stop();
        }
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

    private static byte[] bulkBody(String index, List<String> mids, List<byte[]> sources, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(Json.toBytes(Map.of("index", Map.of("_index", index, "_id", mids.get(i)))));
            out.write('\n');
            out.writeBytes(sources.get(i));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void createIndex(String url, String index) throws IOException, InterruptedException {
        request(url, "PUT", "/" + index, "{\"settings\":{\"index.number_of_shards\":1,\"index.number_of_replicas\":0}}"
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitCount(String url, String index, long expected) throws Exception {
        while (true) {
            request(url, "POST", "/" + index + "/_refresh", null);
            String count = request(url, "GET", "/" + index + "/_count", null);
            if (((Number) Json.parseObject(count).get("count")).longValue() >= expected) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static String request(String url, String method, String path, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
