package org.egov.telemetry.bench.edge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on an HTTP source of the local stack versus Kafka's own producer, in one run against one broker.
 *
 * <p>Registers a second HTTP source on the stack's worker ({@link BenchEdgeConnector}: the pipeline's connector
 * JSON on its own port and topic), posts realistic batches (10 DIGIT-style events, about 5 KB) to it over many
 * keep-alive connections for a fixed time, removes it, then runs Kafka's
 * {@code org.apache.kafka.tools.ProducerPerformance} with records of the same size against the same broker (as a
 * child process on the stack's Kafka class path), and prints events/s, MB/s, p50/p99 acknowledgement latency and
 * the byte-rate ratio edge/producer.
 *
 * <p>Arguments (all optional): {@code connections=32 seconds=30 warmup=5 port=9011 topic=bench-edge-batches
 * connect=http://127.0.0.1:8083 bootstrap=127.0.0.1:9092}, and {@code config.<key>=<value>} to override a key
 * of the connector's config for the run.
 */
public final class EdgeLoadBenchmark {

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private EdgeLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String sample = Batches.batch(UUID.randomUUID().toString());
        int batchBytes = sample.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf(Locale.ROOT, "batch: %d events, %d bytes; %d connections, %d s (+%d s warm-up)%n",
                Batches.EVENTS, batchBytes, options.connections, options.seconds, options.warmup);

        Result edge = runEdge(options);
        System.out.printf(Locale.ROOT, "edge      : %,d batches, %,.0f events/s, %.2f MB/s, ack latency p50 %.1f ms, "
                        + "p99 %.1f ms, non-200 answers %d%n", edge.count, edge.count * (double) Batches.EVENTS
                        / options.seconds, edge.megabytesPerSecond(options.seconds), edge.percentile(50),
                edge.percentile(99), edge.failures);

        ProducerResult producer = runProducer(options, batchBytes,
                Math.max(10_000, (long) (edge.count * 3)));
        System.out.printf(Locale.ROOT, "producer  : %,d records of %d bytes, %,.0f records/s, %.2f MB/s, latency p50 %d ms, "
                        + "p99 %d ms (ProducerPerformance, acks=all)%n", producer.records, batchBytes,
                producer.recordsPerSecond, producer.megabytesPerSecond, producer.p50, producer.p99);
        System.out.printf(Locale.ROOT, "ratio edge/producer (MB/s): %.2f%n",
                edge.megabytesPerSecond(options.seconds) / producer.megabytesPerSecond);
    }

    private static Result runEdge(Options options) throws Exception {
        try (BenchEdgeConnector ignored = BenchEdgeConnector.register(URI.create(options.connect), options.port,
                options.topic, options.overrides)) {
            return post(options);
        }
    }

    private static Result post(Options options) throws Exception {
        URI url = URI.create("http://127.0.0.1:" + options.port + "/v1/telemetry");
        ExecutorService pool = Executors.newFixedThreadPool(options.connections);
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(options.warmup).toNanos();
        long end = warmupEnd + Duration.ofSeconds(options.seconds).toNanos();
        AtomicLong bytes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Future<long[]>> latencies = new ArrayList<>();
        for (int c = 0; c < options.connections; c++) {
            latencies.add(pool.submit(() -> {
                long[] own = new long[1 << 16];
                int n = 0;
                try (KeepAliveConnection connection = new KeepAliveConnection(url,
                        "x-device-id: bench-device\r\nx-channel-id: pb.amritsar\r\nx-app-id: bench\r\n")) {
                    while (System.nanoTime() < end) {
                        byte[] body = Batches.batch(UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8);
                        long start = System.nanoTime();
                        int status = connection.post(body);
                        long took = System.nanoTime() - start;
                        if (start < warmupEnd) {
                            continue;
                        }
                        if (status != 200) {
                            failures.incrementAndGet();
                            continue;
                        }
                        if (n == own.length) {
                            own = Arrays.copyOf(own, n * 2);
                        }
                        own[n++] = took;
                        bytes.addAndGet(body.length);
                    }
                }
                return Arrays.copyOf(own, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : latencies) {
            all.add(f.get());
        }
        pool.shutdown();
        return new Result(all, bytes.get(), failures.get());
    }

    private static ProducerResult runProducer(Options options, int recordSize, long records) throws Exception {
        Path classpath = Path.of("launcher/target/stack/kafka.classpath");
        if (!Files.exists(classpath)) {
            throw new IllegalStateException("run from the repository root after ./telemetry-stack up (" + classpath
                    + " is missing)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-cp", Files.readString(classpath).trim(),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", "bench-producer-performance",
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + options.bootstrap, "acks=all",
                "linger.ms=5", "batch.size=262144");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ProducerResult result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = PRODUCER_SUMMARY.matcher(line);
                if (m.find() && line.contains("th")) {
                    result = new ProducerResult(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                            Double.parseDouble(m.group(3)), Long.parseLong(m.group(6)), Long.parseLong(m.group(8)));
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + ")");
        }
        return result;
    }

    private record Options(int connections, int seconds, int warmup, int port, String topic, String connect,
                           String bootstrap, Map<String, String> overrides) {
        static Options parse(String[] args) {
            int connections = 32;
            int seconds = 30;
            int warmup = 5;
            int port = 9011;
            String topic = "bench-edge-batches";
            String connect = "http://127.0.0.1:8083";
            String bootstrap = "127.0.0.1:9092";
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String arg : args) {
                String[] kv = arg.split("=", 2);
                switch (kv[0]) {
                    case "connections" -> connections = Integer.parseInt(kv[1]);
                    case "seconds" -> seconds = Integer.parseInt(kv[1]);
                    case "warmup" -> warmup = Integer.parseInt(kv[1]);
                    case "port" -> port = Integer.parseInt(kv[1]);
                    case "topic" -> topic = kv[1];
                    case "connect" -> connect = kv[1];
                    case "bootstrap" -> bootstrap = kv[1];
                    default -> {
                        if (!kv[0].startsWith("config.") || kv.length < 2) {
                            throw new IllegalArgumentException("unknown argument " + arg);
                        }
                        overrides.put(kv[0].substring("config.".length()), kv[1]);
                    }
                }
            }
            return new Options(connections, seconds, warmup, port, topic, connect, bootstrap, overrides);
        }
    }

    private record ProducerResult(long records, double recordsPerSecond, double megabytesPerSecond, long p50,
                                  long p99) {
    }

    private static final class Result {
        final long count;
        final long bytes;
        final long failures;
        final long[] sorted;

        Result(List<long[]> latencies, long bytes, long failures) {
            this.sorted = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            this.count = sorted.length;
            this.bytes = bytes;
            this.failures = failures;
        }

        double megabytesPerSecond(int seconds) {
            return bytes / 1024.0 / 1024.0 / seconds;
        }

        double percentile(int p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1_000_000.0;
        }
    }
}
