package org.egov.telemetry.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Reads where each stage of the local stack stands, from outside the worker: topic end offsets and the sinks'
 * consumer groups (admin client), the unbundle source's committed offsets (Connect's REST offsets API), the
 * index's indexing count (the node's stats), and the CPU time each process of the stack has used so far
 * ({@code /proc/<pid>/stat}).
 */
final class StackGauges implements AutoCloseable {

    static final String BATCH_TOPIC = "telemetry-deduped-messages";
    static final String EVENT_TOPIC = "telemetry-enriched-messages";
    static final String INDEX = "telemetryindex-v1";
    static final String UNBUNDLE = "telemetry-unbundle-source";
    static final String[] PROCESSES = {"connect", "kafka", "opensearch", "s3proxy"};

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICKS_PER_SECOND = 100;

    /** Where the stages stood at one moment; offsets count records plus transaction markers. */
    record Snapshot(long nanos, long batchEnd, long eventEnd, long unbundled, long indexed, long archivedCommitted,
                    Map<String, Double> cpuSeconds) {
    }

    private final Admin admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI connect;
    private final URI search;
    private final Map<String, Long> pids = new LinkedHashMap<>();

    StackGauges(String bootstrap, URI connect, URI search, Path runDir) throws IOException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
        this.connect = connect;
        this.search = search;
        for (String part : PROCESSES) {
            Path pidFile = runDir.resolve(part + ".pid");
            if (Files.exists(pidFile)) {
                pids.put(part, Long.parseLong(Files.readString(pidFile).trim()));
            }
        }
        pids.put("load", ProcessHandle.current().pid());
    }

    Snapshot read() throws Exception {
        return new Snapshot(System.nanoTime(), endOffsets(BATCH_TOPIC), endOffsets(EVENT_TOPIC), unbundledOffsets(),
                indexed(), committed("connect-telemetry-s3-sink", BATCH_TOPIC), cpuSeconds());
    }

    private long endOffsets(String topic) throws ExecutionException, InterruptedException {
        Set<TopicPartition> partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        long sum = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(latest).all().get().values()) {
            sum += info.offset();
        }
        return sum;
    }

    private long committed(String group, String topic) throws ExecutionException, InterruptedException {
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get().entrySet()) {
            if (entry.getKey().topic().equals(topic) && entry.getValue() != null) {
                sum += entry.getValue().offset();
            }
        }
        return sum;
    }

    /** The input offsets the unbundle source has committed (each is the next batch to read). */
    private long unbundledOffsets() throws IOException, InterruptedException {
        JsonNode offsets = get(connect.resolve("/connectors/" + UNBUNDLE + "/offsets")).path("offsets");
        long sum = 0;
        for (JsonNode entry : offsets) {
            sum += entry.path("offset").path("offset").asLong();
        }
        return sum;
    }

    private long indexed() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(search.resolve("/" + INDEX + "/_stats/indexing"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 404) {
            return 0;           // nothing indexed yet: the sink creates the index with its first document
        }
        JsonNode stats = JSON.readTree(answer.body());
        return stats.path("_all").path("primaries").path("indexing").path("index_total").asLong();
    }

    private Map<String, Double> cpuSeconds() throws IOException {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (Map.Entry<String, Long> pid : pids.entrySet()) {
            Path stat = Path.of("/proc", Long.toString(pid.getValue()), "stat");
            if (!Files.exists(stat)) {
                continue;
            }
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid(1) ... utime(11) stime(12)
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            cpu.put(pid.getKey(), ticks / (double) TICKS_PER_SECOND);
        }
        return cpu;
    }

    JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("GET " + uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    @Override
    public void close() {
        admin.close();
    }
}
