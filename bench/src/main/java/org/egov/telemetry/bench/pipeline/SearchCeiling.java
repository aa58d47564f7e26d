package org.egov.telemetry.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.egov.telemetry.bench.es.BulkBodies;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The search node's own ceiling for the pipeline's documents: the last enriched events of the event topic,
 * exactly as the sink receives them, bulk-indexed straight into a fresh index that gets the same template
 * (mappings and settings) as the pipeline's index, with the sink's batch size, requests in flight and response
 * filter.
 */
final class SearchCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI search;
    private final String bootstrap;

    SearchCeiling(URI search, String bootstrap) {
        this.search = search;
        this.bootstrap = bootstrap;
    }

    /** How dynamically mapped strings are indexed in a measurement. */
    enum Strings {
        /** as the pipeline's template says */
        AS_SHIPPED,
        /** analysed text with a .keyword subfield: the node's default dynamic mapping */
        TEXT_AND_KEYWORD,
        /** a keyword only */
        KEYWORD
    }

    /** @return documents per second, from the first request sent to the last answered */
    double measure(int documents, int batchSize, int inFlight, Strings strings) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = lastRecords(documents);
        String index = "bench-ceiling-" + System.currentTimeMillis();
        installTemplateCopy(strings);
        List<String> ids = new ArrayList<>(records.size());
        List<byte[]> sources = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ids.add(new String(record.key(), StandardCharsets.UTF_8));
            sources.add(record.value());
        }
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += batchSize) {
            bodies.add(BulkBodies.body(index, ids, sources, from, Math.min(ids.size(), from + batchSize)));
        }
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            slots.acquire();
            answers.add(http.sendAsync(HttpRequest.newBuilder(search.resolve(BulkBodies.PATH))
                    .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((answer, failure) -> slots.release()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new IllegalStateException("direct _bulk answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        http.send(HttpRequest.newBuilder(search.resolve("/" + index)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(search.resolve("/_index_template/bench-ceiling")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        return records.size() / seconds;
    }

    /** The pipeline's template, as the sink installed it, for {@code bench-ceiling-*}. */
    private void installTemplateCopy(Strings strings) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(search.resolve("/_index_template/telemetry"))
                .build(), HttpResponse.BodyHandlers.ofString());
        ObjectNode template = (ObjectNode) JSON.readTree(answer.body()).path("index_templates").get(0)
                .path("index_template");
        template.putArray("index_patterns").add("bench-ceiling-*");
        template.put("priority", 201);
        ObjectNode mappings = (ObjectNode) template.path("template").path("mappings");
        if (strings == Strings.TEXT_AND_KEYWORD) {
            mappings.remove("dynamic_templates");
        } else if (strings == Strings.KEYWORD) {
            mappings.putArray("dynamic_templates").addObject().putObject("strings_as_keywords")
                    .put("match_mapping_type", "string").putObject("mapping").put("type", "keyword")
                    .put("ignore_above", 1024);
        }
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(search.resolve("/_index_template/bench-ceiling"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(template))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("could not install the template copy: " + put.body());
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> lastRecords(int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(count);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(StackGauges.EVENT_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long perPartition = count / partitions.size() + 1;
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(0, ends.get(tp) - perPartition));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (records.size() < count && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.value() != null && records.size() < count) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }
}
