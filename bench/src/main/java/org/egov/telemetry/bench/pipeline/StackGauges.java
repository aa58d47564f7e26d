package org.egov.telemetry.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.egov.telemetry.core.SourceOffsetsTail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.DirectoryStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Reads where each stage of the local stack stands, from outside the worker: topic end offsets (admin client),
 * the unbundle source's committed offsets (tailing the worker's offsets topic), the
 * index's indexing count (the node's stats), and the CPU time each process of the stack has used so far
 * ({@code /proc/<pid>/stat}).
 */
final class StackGauges implements AutoCloseable {

    static final String BATCH_TOPIC = "telemetry-deduped-messages";
    static final String EVENT_TOPIC = "telemetry-enriched-messages";
    static final String INDEX = "telemetryindex-v1";
    static final String UNBUNDLE = "telemetry-unbundle-source";
    static final String OFFSETS_TOPIC = "telemetry-connect-offsets";
    static final String[] PROCESSES = {"connect", "kafka", "opensearch", "s3proxy"};

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICKS_PER_SECOND = 100;

    /** Where the stages stood at one moment; offsets count records plus transaction markers. */
    record Snapshot(long nanos, long batchEnd, long eventEnd, long unbundled, long indexed,
                    Map<String, Double> cpuSeconds, Map<String, Double> workerCpuSeconds) {
    }

    /** Groups of the worker's threads, by the connector (or JVM part) a thread's name names; first match wins. */
    private static final String[][] THREAD_GROUPS = {
        {"telemetry-http-source", "edge (http source, its producer)"},
        {"telemetry-unbundle-source", "unbundle (consumer, chain, producer)"},
        {"telemetry-es-sink", "es-sink (consumer, bulk)"},
        {"telemetry-s3-sink", "s3-sink (consumer, upload)"},
        {"Compiler", "JIT"},
        {"G1 ", "GC"},
        {"GC ", "GC"},
    };
    private static final Pattern THREAD_LINE = Pattern.compile("^\"(.*)\" .* nid=(0x[0-9a-f]+|[0-9]+) ");

    private final Admin admin;
    private final SourceOffsetsTail unbundled;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI search;
    private final Map<String, Long> pids = new LinkedHashMap<>();

    StackGauges(String bootstrap, URI search, Path runDir) throws IOException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
        Properties tail = new Properties();
        tail.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        tail.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        tail.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.unbundled = new SourceOffsetsTail(
                new KafkaConsumer<>(tail, new ByteArrayDeserializer(), new ByteArrayDeserializer()), OFFSETS_TOPIC);
        this.search = search;
        for (String part : PROCESSES) {
            Path pidFile = runDir.resolve(part + ".pid");
            if (Files.exists(pidFile)) {
                pids.put(part, Long.parseLong(Files.readString(pidFile).trim()));
            }
        }
        pids.put("load", ProcessHandle.current().pid());
    }

    /** Where the stages stand; the worker's threads are left out (naming them takes a thread dump). */
    Snapshot read() throws Exception {
        return read(false);
    }

    /** @param threads also the worker's CPU by thread group, which takes a thread dump of the worker */
    Snapshot read(boolean threads) throws Exception {
        return new Snapshot(System.nanoTime(), endOffsets(BATCH_TOPIC), endOffsets(EVENT_TOPIC), unbundledOffsets(),
                indexed(), cpuSeconds(),
                threads ? workerThreadCpu() : Map.of());
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

    /** The input offsets the unbundle source has committed (each is the last batch it read). */
    /** The unbundle source's committed offsets, summed over its input partitions. */
    private long unbundledOffsets() throws IOException {
        unbundled.catchUp(Duration.ofSeconds(30));
        return unbundled.offsets(UNBUNDLE).values().stream().mapToLong(o -> o.path("offset").asLong()).sum();
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

    /**
     * CPU seconds of the worker's threads so far, by group: {@code /proc/<pid>/task/<tid>/stat} per thread, named
     * through the worker's thread dump ({@code jcmd <pid> Thread.print}, whose {@code nid} is the native thread
     * id). Threads that ended since the last dump are not counted.
     */
    private Map<String, Double> workerThreadCpu() {
        Long pid = pids.get("connect");
        Map<String, Double> groups = new TreeMap<>();
        if (pid == null) {
            return groups;
        }
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            Map<Long, String> names = new HashMap<>();
            for (String line : new String(jcmd.getInputStream().readAllBytes()).split("\n")) {
                Matcher m = THREAD_LINE.matcher(line);
                if (m.find()) {
                    String nid = m.group(2);
                    names.put(nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid),
                            m.group(1));
                }
            }
            jcmd.waitFor();
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid.toString(), "task"))) {
                for (Path task : tasks) {
                    String name = names.get(Long.parseLong(task.getFileName().toString()));
                    String text;
                    try {
                        text = Files.readString(task.resolve("stat"));
                    } catch (IOException gone) {
                        continue;
                    }
                    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) TICKS_PER_SECOND;
                    groups.merge(group(name), seconds, Double::sum);
                }
            }
        } catch (IOException e) {
            System.err.println("worker threads: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return groups;
    }

    private static String group(String threadName) {
        if (threadName == null) {
            return "other (unnamed)";
        }
        for (String[] group : THREAD_GROUPS) {
            if (threadName.contains(group[0])) {
                return group[1];
            }
        }
        return "other worker threads";
    }

    @Override
    public void close() {
        unbundled.close();
        admin.close();
    }
}
