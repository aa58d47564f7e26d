package org.egov.telemetry.it.sdk;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.sdk.CorpusReport.Sent;
import org.egov.telemetry.it.sdk.SdkDriver.Exchange;
import org.egov.telemetry.it.sdk.SdkDriver.Result;
import org.egov.telemetry.it.sdk.SunbirdSdk.SdkCall;
import org.egov.telemetry.it.support.CommittedRecords;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.ObjectStore;
import org.egov.telemetry.it.support.SearchNode;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client corpus, end to end: every event type the real Sunbird SDK emits, and DIGIT's browser events as
 * DIGIT's client builds them ({@code it/src/test/resources/clients/}), posted to the HTTP edge of the shared
 * stack. The pipeline of {@code connectors/} (profile {@code digit}) indexes them into {@code telemetryindex-v1};
 * a second unbundle source and sink, identical but for profile {@code sunbird}, index the same batches into an
 * index of their own. Prints, per profile, client and eid, how many events were sent, indexed and failed, with
 * the reasons; then checks the index mapping and that the archive holds each batch as the client sent it.
 */
class ClientCorpusIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Path CLIENTS = ConnectorFiles.repoRoot().resolve("it/src/test/resources/clients");
    private static final Path DIGIT_FIXTURES = CLIENTS.resolve("digit");
    private static final Path SDK_PLAN = CLIENTS.resolve("sunbird-sdk-every-event.json");
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private static final String STRICT_UNBUNDLE = "corpus-sunbird-unbundle-" + RUN;
    private static final String STRICT_SINK = "corpus-sunbird-es-sink-" + RUN;
    private static final String STRICT_EVENTS = "corpus-sunbird-events-" + RUN;
    private static final String STRICT_FAILED = "corpus-sunbird-failed-" + RUN;
    private static final String STRICT_DUPLICATES = "corpus-sunbird-duplicates-" + RUN;
    private static final String STRICT_INDEX = "telemetry-corpus-sunbird-" + RUN;

    private static TestStack stack;
    private static EmbeddedConnectCluster connect;
    private static CompletableFuture<SunbirdSdk> sdkInstall;
    private final HttpClient http = HttpClient.newHttpClient();

    /** One pipeline the corpus runs through: where its events are indexed and where its failures go. */
    private record Profile(String name, String index, String failedTopic) {
    }

    @BeforeAll
    static void registerStrictPipelineBesideTheShippedOne() {
        sdkInstall = CompletableFuture.supplyAsync(SunbirdSdk::install);
        stack = TestStack.shared();
        connect = stack.connect();
        for (String topic : List.of(STRICT_EVENTS, STRICT_FAILED, STRICT_DUPLICATES)) {
            connect.kafka().createTopic(topic, 1);
        }
        Map<String, String> unbundle = new HashMap<>(ConnectorFiles.config(TestStack.UNBUNDLE_SOURCE,
                Map.of("input.bootstrap.servers", connect.kafka().bootstrapServers(),
                        "output.topic", STRICT_EVENTS,
                        "failed.topic", STRICT_FAILED,
                        "transforms.validate.failed.topic", STRICT_FAILED,
                        "transforms.validate.profile", "sunbird",
                        "transforms.dedup.duplicate.topic", STRICT_DUPLICATES,
                        "predicates.isEventTopic.pattern", STRICT_EVENTS)));
        connect.configureConnector(STRICT_UNBUNDLE, unbundle);
        connect.configureConnector(STRICT_SINK, ConnectorFiles.config(TestStack.ES_SINK,
                Map.of("connection.url", stack.search().url(),
                        "topics", STRICT_EVENTS,
                        "index.name", STRICT_INDEX,
                        "index.template.name", STRICT_INDEX)));
        for (String name : List.of(STRICT_UNBUNDLE, STRICT_SINK)) {
            try {
                connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not start");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @AfterAll
    static void removeStrictPipeline() {
        if (connect != null) {
            connect.deleteConnector(STRICT_UNBUNDLE);
            connect.deleteConnector(STRICT_SINK);
        }
    }

    @Test
    void everyEventOfTheRealClientsIsIndexedWhereItsProfileAcceptsIt() throws Exception {
        Result sdkRun = runSdk(sdkInstall.join());
        List<Sent> sent = new ArrayList<>();
        for (Map<String, Object> event : sdkRun.produced()) {
            sent.add(new Sent("sunbird-sdk", (String) event.get("eid"), (String) event.get("mid")));
        }
        Map<String, String> digitBodies = digitFixtures();
        Map<String, Map<String, Object>> digitBatches = new TreeMap<>();
        for (Map.Entry<String, String> fixture : digitBodies.entrySet()) {
            post(fixture.getValue().getBytes(StandardCharsets.UTF_8));
            Map<String, Object> batch = parse(fixture.getValue());
            digitBatches.put(fixture.getKey(), batch);
            for (Map<String, Object> event : events(batch)) {
                sent.add(new Sent("digit", (String) event.get("eid"), (String) event.get("mid")));
            }
        }
        assertThat(sent).extracting(Sent::mid).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(sdkRun.produced()).extracting(event -> event.get("eid")).as("eids the SDK emitted")
                .contains("START", "IMPRESSION", "INTERACT", "ASSESS", "RESPONSE", "INTERRUPT", "FEEDBACK", "SHARE",
                        "AUDIT", "ERROR", "HEARTBEAT", "LOG", "SEARCH", "METRICS", "SUMMARY", "EXDATA", "END");

        Profile digit = new Profile("digit", TestStack.INDEX, TestStack.FAILED_TOPIC);
        Profile sunbird = new Profile("sunbird", STRICT_INDEX, STRICT_FAILED);
        Map<String, Map<String, Object>> indexedDigit = awaitAccounted(digit, sent);
        Map<String, Map<String, Object>> indexedSunbird = awaitAccounted(sunbird, sent);

        for (Sent event : sent) {
            assertThat(indexedDigit).as("%s %s %s under the digit profile", event.client(), event.eid(), event.mid())
                    .containsKey(event.mid());
            if (event.client().equals("sunbird-sdk")) {
                assertThat(indexedSunbird).as("SDK %s %s under the sunbird profile", event.eid(), event.mid())
                        .containsKey(event.mid());
            }
        }
        assertDigitStringNumbersAreCoercedInTheIndexOnly(digitBatches, indexedDigit);
        List<String> bodies = new ArrayList<>(digitBodies.values());
        sdkRun.exchanges().forEach(exchange -> bodies.add(exchange.body()));
        assertArchiveHoldsEveryBatchAsSent(bodies);
    }

    @Test
    void indexOfThePipelineMapsIdsAsKeywordsAndTimesAsDates() throws Exception {
        String mid = "START:" + RUN + "-mapping";
        postAsDigitClient(Json.parseObject("{\"id\":\"ekstep.telemetry\",\"ver\":\"3.0\",\"ets\":1764300000000,"
                + "\"events\":[{\"eid\":\"START\",\"ets\":1764300000000,\"ver\":\"3.0\",\"mid\":\"" + mid + "\","
                + "\"context\":{\"channel\":\"pb.amritsar\",\"env\":\"pgr\",\"did\":\"device-" + RUN + "\"},"
                + "\"edata\":{\"type\":\"app\",\"duration\":\"0\"}}]}"));
        SearchNode search = stack.search();
        awaitTrue(() -> {
            search.refresh(TestStack.INDEX);
            return Boolean.TRUE.equals(search.get(TestStack.INDEX, mid).get("found"));
        }, "document " + mid + " indexed");
        search.refresh(TestStack.INDEX);      // a get is real-time; a search sees what the last refresh made visible

        IndexMapping mapping = IndexMapping.of(search, TestStack.INDEX);
        for (String id : List.of("mid", "eid", "did", "channel", "pid", "sid", "uid", "batchmid")) {
            assertThat(mapping.type(id)).as("mapping of %s", id).isEqualTo("keyword");
        }
        assertThat(mapping.type("context.did")).isEqualTo("keyword");
        assertThat(mapping.type("actor.id")).isEqualTo("keyword");
        for (String time : List.of("ets", "syncts", "@timestamp")) {
            assertThat(mapping.type(time)).as("mapping of %s", time).isEqualTo("date");
        }
        assertThat(mapping.type("edata.duration")).as("a coerced number").isEqualTo("long");

        // what README shows: a plain term query on mid, and ets usable as a time field
        List<Map<String, Object>> byTerm = SearchNode.sources(search.search(TestStack.INDEX,
                "{\"query\":{\"term\":{\"mid\":\"" + mid + "\"}}}"));
        assertThat(byTerm).singleElement().satisfies(doc -> assertThat(doc).containsEntry("mid", mid));
        List<Map<String, Object>> byTime = SearchNode.sources(search.search(TestStack.INDEX,
                "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"mid\":\"" + mid + "\"}},"
                        + "{\"range\":{\"ets\":{\"gte\":\"2025-11-28T03:19:59Z\",\"lte\":\"2025-11-28T03:20:01Z\"}}}]}}}"));
        assertThat(byTime).as("ets queried as a date").hasSize(1);
    }

    private Result runSdk(SunbirdSdk sdk) throws IOException {
        Map<String, Object> plan = Json.parseObject(Files.readString(SDK_PLAN).replace("${run}", RUN));
        @SuppressWarnings("unchecked")
        Map<String, Object> init = new LinkedHashMap<>((Map<String, Object>) plan.get("initialize"));
        String ingest = stack.ingestUrl("");
        init.put("host", ingest);
        init.put("endpoint", "/v1/telemetry");
        init.put("did", "corpus-device-" + RUN);
        init.put("channel", "pb.amritsar");
        init.put("sid", "corpus-session-" + RUN);
        List<SdkCall> calls = new ArrayList<>();
        for (Object call : (List<?>) plan.get("calls")) {
            Map<?, ?> json = (Map<?, ?>) call;
            List<?> args = (List<?>) json.get("args");
            calls.add(new SdkCall((String) json.get("method"), args == null ? List.of() : new ArrayList<>(args)));
        }
        try (SdkDriver driver = sdk.start("corpus-" + RUN, init, calls, false, DEADLINE)) {
            Result result = driver.await(DEADLINE.plusSeconds(30));
            for (Exchange exchange : result.exchanges()) {
                assertThat(exchange.status()).as("answer to %s", exchange).isEqualTo(200);
            }
            return result;
        }
    }

    /** The text of DIGIT's fixtures by file name, with this run's id in their mids and device ids. */
    private static Map<String, String> digitFixtures() throws IOException {
        Map<String, String> bodies = new TreeMap<>();
        try (Stream<Path> files = Files.list(DIGIT_FIXTURES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                bodies.put(file.getFileName().toString(), Files.readString(file).replace("${run}", RUN));
            }
        }
        assertThat(bodies).as("fixtures in %s", DIGIT_FIXTURES).isNotEmpty();
        return bodies;
    }

    private void postAsDigitClient(Map<String, Object> batch) throws Exception {
        post(Json.toBytes(batch));
    }

    private void post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ingestUrl("/v1/telemetry")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.parseObject(response.body())).containsEntry("responseCode", "SUCCESS");
    }

    /**
     * Waits until every sent event is indexed or on the profile's failed topic, prints the counts, and returns the
     * indexed documents by mid.
     */
    private Map<String, Map<String, Object>> awaitAccounted(Profile profile, List<Sent> sent) {
        Set<String> mids = sent.stream().map(Sent::mid).collect(Collectors.toSet());
        Map<String, Map<String, Object>> indexed = new HashMap<>();
        Map<String, String> failed = new HashMap<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            indexed.putAll(indexedDocuments(profile.index(), mids));
            for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.readAll(connect.kafka(), profile.failedTopic())) {
                String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                if (key != null && mids.contains(key)) {
                    failed.put(key, CommittedTopic.header(record, ErrorHeaders.REASON));
                }
            }
            long accounted = mids.stream().filter(mid -> indexed.containsKey(mid) || failed.containsKey(mid)).count();
            if (accounted == mids.size() || System.nanoTime() - deadline > 0) {
                break;
            }
            sleep(1000);
        }
        System.out.println(CorpusReport.of(profile.name(), profile.index(), profile.failedTopic(), sent, indexed.keySet(),
                failed));
        assertThat(mids).as("events neither indexed nor failed under %s", profile.name())
                .allSatisfy(mid -> assertThat(indexed.containsKey(mid) || failed.containsKey(mid)).as(mid).isTrue());
        return indexed;
    }

    private Map<String, Map<String, Object>> indexedDocuments(String index, Set<String> mids) {
        SearchNode search = stack.search();
        if (search.request("HEAD", "/" + index, null, 200, 404).status() == 404) {
            return Map.of();
        }
        search.refresh(index);
        Map<String, Object> body = Map.of("size", mids.size(), "query", Map.of("ids", Map.of("values", List.copyOf(mids))));
        Map<String, Map<String, Object>> found = new HashMap<>();
        for (Map<String, Object> source : SearchNode.sources(search.search(index, body))) {
            found.put((String) source.get("mid"), source);
        }
        return found;
    }

    /**
     * DIGIT's string-typed numbers reach the index as numbers (listed in metadata.coerced_fields), while the
     * batch topic keeps them as the client sent them.
     */
    private static void assertDigitStringNumbersAreCoercedInTheIndexOnly(Map<String, Map<String, Object>> batches,
                                                                         Map<String, Map<String, Object>> indexed) {
        int coercedSeen = 0;
        for (Map<String, Object> batch : batches.values()) {
            for (Map<String, Object> event : events(batch)) {
                Map<String, Object> doc = indexed.get((String) event.get("mid"));
                if (doc.get("metadata") instanceof Map<?, ?> metadata && metadata.get("coerced_fields") instanceof List<?> paths) {
                    for (Object path : paths) {
                        assertThat(valueAt(event, (String) path)).as("%s as sent", path).isInstanceOf(String.class);
                        assertThat(valueAt(doc, (String) path)).as("%s as indexed", path).isInstanceOf(Number.class);
                        coercedSeen++;
                    }
                }
            }
        }
        assertThat(coercedSeen).as("coerced fields in DIGIT's corpus").isPositive();
    }

    /**
     * Every batch is one line of the archive: the edge's fields ({@code syncts}, {@code mid}, {@code did},
     * {@code channel}, {@code pid}, {@code useragent}) first, then the client's body byte for byte after its opening brace, with
     * only its line breaks turned into spaces (an archive line is one line) and the layout around the object
     * left out.
     */
    private void assertArchiveHoldsEveryBatchAsSent(List<String> bodies) {
        Map<String, String> bodyByFirstMid = new HashMap<>();
        for (String body : bodies) {
            bodyByFirstMid.put(firstEventMid(parse(body)), body);
        }
        Map<String, String> archived = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!archived.keySet().containsAll(bodyByFirstMid.keySet()) && System.nanoTime() - deadline < 0) {
            archived.putAll(archivedLinesOfThisRun());
            sleep(1000);
        }
        assertThat(archived.keySet()).as("archived batches, by the mid of their first event")
                .containsAll(bodyByFirstMid.keySet());
        for (Map.Entry<String, String> sent : bodyByFirstMid.entrySet()) {
            String line = archived.get(sent.getKey());
            String body = sent.getValue().strip();
            assertThat(line).as("archived batch %s", sent.getKey())
                    .isEqualTo(stampOf(line) + "," + body.substring(1).replace('\n', ' ').replace('\r', ' '));
        }
    }

    /** The archive's lines that hold this run's batches, by the mid of the batch's first event. */
    private Map<String, String> archivedLinesOfThisRun() {
        ObjectStore store = stack.objectStore();
        Map<String, String> lines = new HashMap<>();
        for (String key : store.keys(TestStack.BUCKET, "topics/" + TestStack.BATCH_TOPIC + "/")) {
            for (String line : store.lines(TestStack.BUCKET, key)) {
                if (line.contains(RUN)) {
                    lines.put(firstEventMid(parse(line)), line);
                }
            }
        }
        return lines;
    }

    /** The edge's fields at the head of an archived line, as text: {@code {"syncts":…,"mid":…,…} without '}'. */
    private static String stampOf(String line) {
        Map<String, Object> batch = parse(line);
        Map<String, Object> stamp = new LinkedHashMap<>();
        for (String field : List.of("syncts", "mid", "did", "channel", "pid", "useragent")) {
            if (batch.containsKey(field)) {
                stamp.put(field, batch.get(field));
            }
        }
        String json = Json.toString(stamp);
        return json.substring(0, json.length() - 1);
    }

    private static String firstEventMid(Map<String, Object> batch) {
        List<Map<String, Object>> events = events(batch);
        return events.isEmpty() ? null : (String) events.get(0).get("mid");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Map<String, Object> batch) {
        return batch.get("events") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Object valueAt(Map<String, Object> object, String pointer) {
        Object node = object;
        for (String step : pointer.substring(1).split("/")) {
            String name = step.replace("~1", "/").replace("~0", "~");
            node = node instanceof Map<?, ?> map ? map.get(name)
                    : node instanceof List<?> list ? list.get(Integer.parseInt(name)) : null;
        }
        return node;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Json.parseObject(json);
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + json, e);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " within " + DEADLINE.toSeconds() + " s");
            }
            sleep(500);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
