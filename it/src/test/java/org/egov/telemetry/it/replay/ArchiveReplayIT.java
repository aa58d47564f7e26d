package org.egov.telemetry.it.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.it.support.CommittedRecords;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.SearchNode;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The archive replay on the shared real servers: the S3 sink's archive, read back by the replay source through the
 * replay chain of {@code connectors/replay/} (unbundle, validate, dedup, enrich, ES sink), exactly once.
 */
class ArchiveReplayIT {

    private static final String SOURCE = "telemetry-replay-source";
    private static final String UNBUNDLE = "telemetry-replay-unbundle";
    private static final String SINK = "telemetry-replay-es-sink";
    private static final String REPLAY_TOPIC = "telemetry-replay-messages";
    private static final String ARCHIVE_PREFIX = "topics/" + TestStack.BATCH_TOPIC + "/";

    private static TestStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startStack() {
        stack = TestStack.shared();
        for (String topic : List.of(REPLAY_TOPIC, "telemetry-replay-enriched-messages",
                "telemetry-replay-failed-messages", "telemetry-replay-duplicate-messages")) {
            stack.connect().kafka().createTopic(topic, 1);
        }
    }

    /**
     * A few thousand batches through the live pipeline; the index deleted; the archive's days replayed into the
     * same index while live batches keep coming. The rebuilt index holds every document it held, unchanged, and
     * the replay topic every archived line once.
     */
    @Test
    void rebuildsADeletedIndexFromTheArchiveWhileLiveTrafficFlows() throws Exception {
        int batches = 1500;
        postBatches("archived", batches);
        SearchNode search = stack.search();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(countOf("archived")).isEqualTo(3L * batches));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(archivedLines().stream().filter(l -> l.contains(run + "-archived-")).count())
                        .isEqualTo(batches));
        Map<String, Map<String, Object>> before = documents();
        System.out.printf("index before the replay: %,d documents; archive: %,d lines%n", before.size(),
                archivedLines().size());
        search.deleteIndex(TestStack.INDEX);

        AtomicBoolean live = new AtomicBoolean(true);
        AtomicInteger liveBatches = new AtomicInteger();
        CompletableFuture<Void> liveTraffic = CompletableFuture.runAsync(() -> {
            while (live.get()) {
                try {
                    post(batch("live", liveBatches.getAndIncrement()));
                    Thread.sleep(20);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        long replayStart = System.nanoTime();
        registerReplay();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(documents().keySet()).containsAll(before.keySet()));
        double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
        live.set(false);
        liveTraffic.get();
        int liveCount = liveBatches.get();
        System.out.printf("replayed %,d documents in %.1f s (%,.0f events/s) while the live pipeline took %,d "
                        + "batches of 3 events (%,.0f events/s acknowledged), all answered 200%n", before.size(),
                replaySeconds, before.size() / replaySeconds, liveCount, 3 * liveCount / replaySeconds);

        Map<String, Map<String, Object>> after = documents();
        List<String> changed = before.keySet().stream().filter(mid -> !before.get(mid).equals(after.get(mid)))
                .limit(5).collect(Collectors.toList());
        assertThat(changed).as("documents that differ after the rebuild, e.g. %s",
                changed.isEmpty() ? "" : before.get(changed.get(0)) + " / " + after.get(changed.get(0))).isEmpty();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(countOf("live")).isEqualTo(3L * liveCount));

        // Once the live batches are archived too, the replay (which follows today's folder) writes every archived
        // line to the replay topic once.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            List<String> archived = archivedLines();
            assertThat(archived.stream().filter(l -> l.contains(run + "-live-")).count()).isEqualTo(liveCount);
            assertThat(stack.connect().connectorStatus(SOURCE).tasks()).as("tasks of a finished replay").isEmpty();
            List<String> replayed = CommittedRecords.readAll(stack.connect().kafka(), REPLAY_TOPIC).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toList());
            assertThat(replayed).hasSameSizeAs(archived);
            assertThat(replayed).containsExactlyInAnyOrderElementsOf(archived);
        });
        for (String name : List.of(SOURCE, UNBUNDLE, SINK)) {
            stack.connect().deleteConnector(name);
        }
    }

    /**
     * A truncated gzip object and a line that is not JSON among good objects: with errors.tolerance=all both are
     * reported on the failed topic and every whole line is replayed; with none the task fails, naming the object.
     */
    @Test
    void badObjectsAreReportedAndTheRestIsReplayed() throws Exception {
        String prefix = "replay-bad-" + run + "/";
        StringBuilder good = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            good.append("{\"mid\":\"a-").append(i).append("\",\"events\":[{\"eid\":\"START\"}]}\n");
        }
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            many.append("{\"mid\":\"b-").append(i).append("\",\"pad\":\"").append("x".repeat(i % 40)).append("\"}\n");
        }
        byte[] whole = gzip(many.toString());
        byte[] truncated = Arrays.copyOf(whole, whole.length * 2 / 3);
        int wholeLinesBeforeTruncation = wholeLines(truncated);
        String mixed = "{\"mid\":\"c-0\"}\nnot json at all\n{\"mid\":\"c-2\"}\n";
        stack.objectStore().put(TestStack.BUCKET, prefix + "a.json.gz", gzip(good.toString()));
        stack.objectStore().put(TestStack.BUCKET, prefix + "b.json.gz", truncated);
        stack.objectStore().put(TestStack.BUCKET, prefix + "c.json", mixed.getBytes(StandardCharsets.UTF_8));

        String topic = "replay-bad-" + run;
        String failed = "replay-bad-failed-" + run;
        EmbeddedConnectCluster connect = stack.connect();
        connect.kafka().createTopic(topic, 1);
        connect.kafka().createTopic(failed, 1);
        Map<String, String> config = replaySource(Map.of("replay.prefix", prefix, "topic", topic,
                "failed.topic", failed, "tasks.max", "2"));
        config.remove("replay.from.date");
        config.remove("replay.to.date");
        connect.configureConnector("replay-bad-" + run, config);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(connect.connectorStatus("replay-bad-" + run).tasks()).as("tasks once done").isEmpty());

        List<String> replayed = CommittedRecords.readAll(connect.kafka(), topic).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toList());
        assertThat(replayed).hasSize(3 + wholeLinesBeforeTruncation + 2);
        assertThat(replayed).contains("{\"mid\":\"c-0\"}", "{\"mid\":\"c-2\"}", "{\"mid\":\"a-2\",\"events\":[{\"eid\":\"START\"}]}");
        List<ConsumerRecord<byte[], byte[]>> reports = CommittedRecords.readAll(connect.kafka(), failed);
        assertThat(reports).hasSize(2);
        Map<String, String> reasons = reports.stream().collect(Collectors.toMap(
                r -> header(r, ErrorHeaders.PATH), r -> header(r, ErrorHeaders.REASON)));
        assertThat(reasons.get("s3://" + TestStack.BUCKET + "/" + prefix + "b.json.gz"))
                .contains("cannot be read past line " + wholeLinesBeforeTruncation);
        assertThat(reasons.get("s3://" + TestStack.BUCKET + "/" + prefix + "c.json")).contains("line 2 is not a JSON object");
        assertThat(reports).allSatisfy(r -> assertThat(header(r, ErrorHeaders.STAGE)).isEqualTo("replay"));
        connect.deleteConnector("replay-bad-" + run);

        Map<String, String> strict = new HashMap<>(config);
        strict.put("errors.tolerance", "none");
        strict.put("topic", topic + "-strict");
        strict.put("tasks.max", "1");
        connect.kafka().createTopic(topic + "-strict", 1);
        connect.configureConnector("replay-strict-" + run, strict);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(connect.connectorStatus("replay-strict-" + run).tasks()).singleElement()
                        .satisfies(t -> assertThat(t.state()).isEqualTo("FAILED"))
                        .satisfies(t -> assertThat(t.trace()).contains(prefix + "b.json.gz").contains("errors.tolerance=all")));
        connect.deleteConnector("replay-strict-" + run);
    }

    private void registerReplay() {
        String bootstrap = stack.connect().kafka().bootstrapServers();
        stack.connect().configureConnector(SOURCE, replaySource(Map.of("max.events.per.second", "3000")));
        stack.connect().configureConnector(UNBUNDLE, ConnectorFiles.config("replay", UNBUNDLE,
                Map.of("input.bootstrap.servers", bootstrap)));
        stack.connect().configureConnector(SINK, ConnectorFiles.config("replay", SINK,
                Map.of("connection.url", stack.search().url())));
    }

    /** The shipped replay source on this test's store, for the days around today (the archive's folders). */
    private static Map<String, String> replaySource(Map<String, String> more) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> settings = new HashMap<>(Map.of("store.url", stack.objectStore().uri().toString(),
                "replay.from.date", today.minusDays(1).toString(), "replay.to.date", today.plusDays(1).toString(),
                "progress.check.interval.ms", "2000"));
        Map<String, String> config = new HashMap<>(ConnectorFiles.config("replay", SOURCE, settings));
        config.putAll(more);
        return config;
    }

    private void postBatches(String kind, int count) throws Exception {
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < 4; c++) {
            clients.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        post(batch(kind, i));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
    }

    private String batch(String kind, int i) throws IOException {
        try (InputStream in = ArchiveReplayIT.class.getResourceAsStream("/batches/digit-batch.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${run}", run + "-" + kind + "-" + i);
        }
    }

    private void post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ingestUrl("/v1/telemetry")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Documents of this run's batches of one kind in the live index. */
    private long countOf(String kind) {
        stack.search().refresh(TestStack.INDEX);
        Map<String, Object> body = stack.search().search(TestStack.INDEX, Map.of("size", 0, "track_total_hits", true,
                "query", Map.of("wildcard", Map.of("mid", "*" + run + "-" + kind + "-*"))));
        return ((Number) ((Map<?, ?>) ((Map<?, ?>) body.get("hits")).get("total")).get("value")).longValue();
    }

    /** Every document of the live index, by id. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> documents() {
        SearchNode search = stack.search();
        search.refresh(TestStack.INDEX);
        Map<String, Object> response = search.search(TestStack.INDEX, Map.of("size", 10000, "track_total_hits", true,
                "query", Map.of("match_all", Map.of())));
        Map<String, Object> hits = (Map<String, Object>) response.get("hits");
        long total = ((Number) ((Map<String, Object>) hits.get("total")).get("value")).longValue();
        assertThat(total).as("documents, all read at once").isLessThan(10000);
        Map<String, Map<String, Object>> documents = new ConcurrentHashMap<>();
        for (Object hit : (List<Object>) hits.get("hits")) {
            Map<String, Object> h = (Map<String, Object>) hit;
            documents.put((String) h.get("_id"), (Map<String, Object>) h.get("_source"));
        }
        return documents;
    }

    /** Every line of the archive of the batch topic. */
    private static List<String> archivedLines() {
        List<String> lines = new ArrayList<>();
        for (String key : stack.objectStore().keys(TestStack.BUCKET, ARCHIVE_PREFIX)) {
            lines.addAll(stack.objectStore().lines(TestStack.BUCKET, key));
        }
        return lines;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The lines a reader gets whole out of a truncated gzip before it fails. */
    private static int wholeLines(byte[] truncatedGzip) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(truncatedGzip))) {
            int b;
            while ((b = in.read()) != -1) {
                text.write(b);
            }
            throw new AssertionError("the gzip is not truncated");
        } catch (EOFException expected) {
            String read = text.toString(StandardCharsets.UTF_8);
            return (int) read.chars().filter(c -> c == '\n').count();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
