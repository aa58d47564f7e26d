package org.egov.telemetry.it.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.FreePorts;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The plugin archive in a worker of the oldest Kafka Connect version README and manifest.json claim: the worker
 * is Connect's own {@code ConnectDistributed} from Maven Central (module oldest-connect writes its classpath),
 * run as a process of its own with the unpacked archive as its {@code plugin.path}, on the shared stack's broker,
 * object store and search node. It lists every plugin with our version, and the shipped connectors, on topics,
 * a bucket and an index of their own, carry a DIGIT batch from the edge into the index and the archive.
 */
class OldestConnectWorkerIT {

    private static final String OLDEST_VERSION = "4.1.2";
    private static final String PREFIX = "oldest-";
    private static final String INDEX = PREFIX + "telemetryindex-v1";
    private static final String BUCKET = PREFIX + "telemetry-data";
    private static final Set<String> TOPICS = Set.of(TestStack.BATCH_TOPIC, TestStack.EVENT_TOPIC,
            TestStack.FAILED_TOPIC, TestStack.DUPLICATE_TOPIC, "telemetry-s3-sink-dlq");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestStack stack;
    private static Process worker;
    private static Path home;
    private static int restPort;
    private static int edgePort;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startWorker() throws Exception {
        stack = TestStack.shared();
        home = ConnectorFiles.repoRoot().resolve("it/target/oldest-connect");
        Files.createDirectories(home);
        Path plugins = unpack(PluginArchiveIT.archive(), home.resolve("plugins"));
        restPort = FreePorts.next();
        edgePort = FreePorts.next();
        String bootstrap = stack.connect().kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            admin.createTopics(TOPICS.stream().map(topic -> new NewTopic(PREFIX + topic, 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        stack.objectStore().createBucket(BUCKET);

        Path properties = home.resolve("worker.properties");
        Files.writeString(properties, String.join("\n",
                "bootstrap.servers=" + bootstrap,
                "group.id=" + PREFIX + "connect",
                "config.storage.topic=" + PREFIX + "connect-configs",
                "offset.storage.topic=" + PREFIX + "connect-offsets",
                "status.storage.topic=" + PREFIX + "connect-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "key.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "exactly.once.source.support=enabled",
                "offset.flush.interval.ms=1000",
                "listeners=http://127.0.0.1:" + restPort,
                "plugin.path=" + plugins), StandardCharsets.UTF_8);
        Path log4j = home.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "appender.out.type=Console", "appender.out.name=out", "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=[%d] %p %m (%c)%n", "rootLogger.level=INFO",
                "rootLogger.appenderRef.out.ref=out", "logger.kafka.name=org.apache.kafka.clients",
                "logger.kafka.level=WARN"), StandardCharsets.UTF_8);
        String classpath = Files.readString(ConnectorFiles.repoRoot()
                .resolve("oldest-connect/target/connect.classpath")).trim();
        worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath, "org.apache.kafka.connect.cli.ConnectDistributed", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("worker.log").toFile())
                .start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get("/").contains("\"version\":\"" + OLDEST_VERSION + "\""));
    }

    @AfterAll
    static void stopWorker() throws InterruptedException {
        if (worker != null) {
            worker.destroy();
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void listsEveryPluginOfTheArchiveWithItsVersion() throws Exception {
        List<Map<String, String>> listed = JSON.readValue(get("/connector-plugins?connectorsOnly=false"),
                new TypeReference<>() { });
        Map<String, String> versions = listed.stream()
                .filter(plugin -> plugin.get("class").startsWith("org.egov.telemetry."))
                .collect(Collectors.toMap(plugin -> plugin.get("class"), plugin -> plugin.get("version"),
                        (asConverter, asHeaderConverter) -> asConverter));
        assertThat(versions).containsOnlyKeys(
                "org.egov.telemetry.http.TelemetryHttpSourceConnector",
                "org.egov.telemetry.unbundle.UnbundleSourceConnector",
                "org.egov.telemetry.s3.S3SinkConnector",
                "org.egov.telemetry.replay.ArchiveReplaySourceConnector",
                "org.egov.telemetry.es.ElasticsearchSinkConnector",
                "org.egov.telemetry.validate.ValidateTelemetry",
                "org.egov.telemetry.dedup.DeduplicateTelemetry",
                "org.egov.telemetry.enrich.EnrichTelemetry",
                "org.egov.telemetry.core.TelemetryJsonConverter");
        assertThat(versions.values()).containsOnly(PluginArchiveIT.version());
    }

    @Test
    void theShippedPipelineCarriesABatchIntoTheIndexAndTheArchive() throws Exception {
        register(TestStack.HTTP_SOURCE, Map.of("http.port", Integer.toString(edgePort),
                "http.bind.address", "127.0.0.1"));
        register(TestStack.UNBUNDLE_SOURCE, Map.of("input.bootstrap.servers",
                stack.connect().kafka().bootstrapServers()));
        register(TestStack.S3_SINK, Map.of("store.url", stack.objectStore().uri().toString(),
                "s3.bucket.name", BUCKET, "flush.size", "1"));
        register(TestStack.ES_SINK, Map.of("connection.url", stack.search().url(), "index.name", INDEX,
                "index.template.name", PREFIX + "telemetry"));
        for (String connector : List.of(TestStack.HTTP_SOURCE, TestStack.UNBUNDLE_SOURCE, TestStack.S3_SINK,
                TestStack.ES_SINK)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(get("/connectors/" + PREFIX + connector + "/status"))
                            .contains("\"tasks\":[{\"id\":0,\"state\":\"RUNNING\""));
        }

        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + edgePort + "/v1/telemetry"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("x-channel-id", "pb.amritsar")
                .POST(HttpRequest.BodyPublishers.ofString(sample(run))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

        List<String> mids = List.of("START:" + run + "-digit-1", "SUMMARY:" + run + "-digit-2",
                "END:" + run + "-digit-3");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> {
            stack.search().refresh(INDEX);
            assertThat(stack.search().count(INDEX)).isEqualTo(mids.size());
        });
        Map<String, Object> start = stack.search().get(INDEX, mids.get(0));
        assertThat(start).containsEntry("found", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) start.get("_source");
        assertThat(source).containsKeys("@timestamp", "devicedata", "tenant", "tenantdata");

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> keys = stack.objectStore().keys(BUCKET, "");
            assertThat(keys).isNotEmpty();
            String archived = String.join("\n", stack.objectStore().lines(BUCKET, keys.get(0)));
            assertThat(archived).contains(mids.toArray(String[]::new));
        });
    }

    /** Registers the shipped connector JSON under a name, topics, bucket and index of its own. */
    private static void register(String connector, Map<String, String> settings) throws Exception {
        Map<String, String> config = new HashMap<>(ConnectorFiles.config(connector, Map.of()));
        config.replaceAll((key, value) -> TOPICS.contains(value) ? PREFIX + value : value);
        config.putAll(settings);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + restPort + "/connectors/" + PREFIX + connector + "/config"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + restPort + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String sample(String run) throws IOException {
        try (InputStream in = OldestConnectWorkerIT.class.getResourceAsStream("/batches/digit-batch.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${run}", run);
        }
    }

    private static Path unpack(Path archive, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return into;
    }
}
