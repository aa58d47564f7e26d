package org.egov.telemetry.it.hostile;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.hostile.HostileCorpus.Case;
import org.egov.telemetry.it.hostile.HostileCorpus.Lands;
import org.egov.telemetry.it.hostile.HostileCorpus.Send;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.FreePorts;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every case of the hostile-input corpus ({@code src/test/resources/hostile/}) to an HTTP source
 * connector of its own on the shared Connect cluster, byte for byte over raw sockets, and checks the status
 * of each answer and where each accepted batch landed. Afterwards the worker must be up, the connector and
 * its task RUNNING, and a valid batch must still be acknowledged and written.
 */
class HostileInputIT {

    static final String CONNECTOR = "hostile-http-source";
    static final String TOKEN = "hostile-corpus-token-5c1e";
    static final String BATCH_TOPIC = "hostile-telemetry-batches";
    static final String FAILED_TOPIC = "hostile-telemetry-failed";
    static final String DUPLICATE_TOPIC = "hostile-telemetry-duplicates";
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final long READ_TIMEOUT_MS = 1_000;
    static final long IDLE_TIMEOUT_MS = 5_000;
    static final long ACK_TIMEOUT_MS = 5_000;
    /** Longest wait for one answer: the slowest correct one (408 at the idle timeout) comes after ~5 s. */
    private static final Duration CASE_LIMIT = Duration.ofSeconds(8);
    private static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";

    private static EmbeddedConnectCluster connect;
    private static int port;
    private static int restarts;

    @BeforeAll
    static void registerConnector() throws Exception {
        connect = TestStack.shared().connect();
        for (String topic : List.of(BATCH_TOPIC, FAILED_TOPIC, DUPLICATE_TOPIC)) {
            connect.kafka().createTopic(topic, 1);
        }
        port = FreePorts.next();
        Map<String, String> config = new HashMap<>(ConnectorFiles.config(TestStack.HTTP_SOURCE, Map.of(
                "http.bind.address", "127.0.0.1",
                "http.port", Integer.toString(port),
                "topic", BATCH_TOPIC,
                "transforms.validate.failed.topic", FAILED_TOPIC,
                "transforms.dedup.duplicate.topic", DUPLICATE_TOPIC,
                "predicates.isBatchTopic.pattern", BATCH_TOPIC)));
        config.put("auth.mode", "token");
        config.put("auth.tokens", TOKEN);
        config.put("max.body.bytes", Integer.toString(MAX_BODY_BYTES));
        config.put("http.read.timeout.ms", Long.toString(READ_TIMEOUT_MS));
        config.put("http.idle.timeout.ms", Long.toString(IDLE_TIMEOUT_MS));
        config.put("ack.timeout.ms", Long.toString(ACK_TIMEOUT_MS));
        connect.configureConnector(CONNECTOR, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, CONNECTOR + " did not start");
        awaitListener();
    }

    @AfterAll
    static void removeConnector() {
        if (connect != null) {
            connect.deleteConnector(CONNECTOR);
        }
    }

    @Test
    void everyHostileInputGetsItsStatusAndTheEdgeKeepsServing() throws Exception {
        List<Case> corpus = HostileCorpus.load();
        assertThat(HostileCorpus.unlisted(corpus)).as("files of hostile/cases/ and lines of cases.tsv").isEmpty();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);

        long started = System.nanoTime();
        Map<String, List<String>> problems = sendAll(corpus);
        long sendingMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        // Afterwards: the worker is up, the connector and its task RUNNING, and a valid batch goes through.
        List<String> afterwards = new ArrayList<>();
        check(afterwards, () -> connect.assertions().assertAtLeastNumWorkersAreUp(1,
                "the Connect worker is down after the hostile inputs"));
        check(afterwards, () -> connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1,
                CONNECTOR + " or its task is not RUNNING after the hostile inputs"));
        String finalDevice = "hostile-final-" + UUID.randomUUID();
        check(afterwards, () -> {
            HttpResponse<String> valid = postValidBatch(finalDevice);
            assertThat(valid.statusCode()).as("valid batch after the corpus: %s", valid.body()).isEqualTo(200);
            assertThat(valid.body()).contains("\"responseCode\":\"SUCCESS\"");
        });

        Map<String, List<ConsumerRecord<byte[], byte[]>>> stored = recordsByDevice(corpus, finalDevice);
        check(afterwards, () -> assertThat(stored.getOrDefault(finalDevice, List.of()))
                .as("records of the valid batch sent after the corpus")
                .singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo(BATCH_TOPIC)));
        for (Case c : corpus) {
            List<String> wrong = checkLanding(c, stored.getOrDefault(c.deviceId(), List.of()));
            if (!wrong.isEmpty()) {
                problems.computeIfAbsent(c.file(), f -> new ArrayList<>()).addAll(wrong);
                System.out.printf("hostile %-44s landing MISMATCH %s%n", c.file(), String.join("; ", wrong));
            }
        }

        String summary = String.format("hostile inputs: %d cases, %d as expected (sent in %d ms, task restarted %d"
                + " times)", corpus.size(), corpus.size() - problems.size(), sendingMs, restarts);
        System.out.println(summary);
        problems.forEach((file, wrong) -> System.out.println("  not as expected: " + file + ": "
                + String.join("; ", wrong)));
        afterwards.forEach(failure -> System.out.println("  afterwards: " + failure));
        assertThat(afterwards).as("after the corpus").isEmpty();
        assertThat(problems).as(summary).isEmpty();
    }

    /**
     * Sends every case and checks its answer; returns what was wrong, per case file. The slow cases each wait
     * for a timeout of the edge, so they run side by side on their own connections first; every other case
     * then runs alone, in corpus order, so that a case that breaks the task is pinned down (and the task is
     * restarted for the next one).
     */
    private static Map<String, List<String>> sendAll(List<Case> corpus) throws Exception {
        Map<String, RawExchange.Answer> answers = new HashMap<>();
        List<Case> slow = corpus.stream().filter(HostileInputIT::isSlow).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, slow.size()));
        try {
            Map<String, Future<RawExchange.Answer>> pending = new LinkedHashMap<>();
            for (Case c : slow) {
                pending.put(c.file(), pool.submit(() -> RawExchange.exchange(port, c.request(), c.send(), c.isHead(),
                        CASE_LIMIT)));
            }
            for (Map.Entry<String, Future<RawExchange.Answer>> entry : pending.entrySet()) {
                answers.put(entry.getKey(), entry.getValue().get());
            }
        } finally {
            pool.shutdownNow();
        }
        String slowTrouble = restartTaskIfItFailed();

        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Case c : corpus) {
            List<String> wrong = new ArrayList<>();
            if (!isSlow(c)) {
                answers.put(c.file(), RawExchange.exchange(port, c.request(), c.send(), c.isHead(), CASE_LIMIT));
                String taskTrouble = restartTaskIfItFailed();
                if (taskTrouble != null) {
                    wrong.add("the task FAILED after this case (" + taskTrouble + "); restarted it");
                }
            } else if (slowTrouble != null) {
                wrong.add("the task FAILED while the slow cases ran (" + slowTrouble + "); restarted it");
            }
            RawExchange.Answer answer = answers.get(c.file());
            wrong.addAll(0, checkAnswer(c, answer));
            if (!wrong.isEmpty()) {
                problems.put(c.file(), wrong);
            }
            System.out.printf("hostile %-44s %-12s expect %d got %s %5d ms  %s%s%n", c.file(), c.send(), c.expect(),
                    answer.status() == 0 ? "none" : Integer.toString(answer.status()), answer.millis(),
                    wrong.isEmpty() ? "ok" : "MISMATCH", wrong.isEmpty() ? "" : " " + String.join("; ", wrong));
        }
        return problems;
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void check(List<String> failures, Check check) {
        try {
            check.run();
        } catch (AssertionError | Exception e) {
            failures.add(abbreviate(String.valueOf(e.getMessage()), 600));
        }
    }

    /** Cases that wait for a timeout of the edge: sent slowly, or expected to be cut with 408. */
    private static boolean isSlow(Case c) {
        return c.send() == Send.TRICKLE || c.send() == Send.TRICKLE_HEAD || c.expect() == 408 || c.expect() == 0;
    }

    private static List<String> checkAnswer(Case c, RawExchange.Answer answer) {
        List<String> wrong = new ArrayList<>();
        if (answer.status() != c.expect()) {
            wrong.add("status " + (answer.status() == 0 ? "none" : answer.status()) + " instead of " + c.expect()
                    + (answer.problem() != null ? " (" + answer.problem() + ")" : "")
                    + (answer.status() != 0 ? " body " + abbreviate(answer.bodyText()) : ""));
            return wrong;
        }
        if (c.expect() == 401 && !UNAUTHORIZED.equals(answer.bodyText())) {
            wrong.add("401 body " + abbreviate(answer.bodyText()) + " instead of " + UNAUTHORIZED);
        }
        boolean batch = c.lands() != Lands.NOWHERE;
        if (c.expect() == 200 && batch && !answer.bodyText().contains("\"responseCode\":\"SUCCESS\"")) {
            wrong.add("200 body is not a Sunbird success: " + abbreviate(answer.bodyText()));
        }
        return wrong;
    }

    private static List<String> checkLanding(Case c, List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> wrong = new ArrayList<>();
        switch (c.lands()) {
            case NOWHERE -> {
                if (!records.isEmpty()) {
                    wrong.add("expected nothing stored, found " + records.size() + " record(s) on "
                            + records.stream().map(ConsumerRecord::topic).distinct().toList());
                }
            }
            case BATCH -> expectOne(records, BATCH_TOPIC, wrong);
            case FAILED -> {
                if (expectOne(records, FAILED_TOPIC, wrong)) {
                    ConsumerRecord<byte[], byte[]> failed = records.get(0);
                    for (String name : List.of(ErrorHeaders.STAGE, ErrorHeaders.REASON)) {
                        String value = header(failed, name);
                        if (value == null || value.isBlank()) {
                            wrong.add("failed record without header " + name);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(c.lands().toString());
        }
        return wrong;
    }

    private static boolean expectOne(List<ConsumerRecord<byte[], byte[]>> records, String topic, List<String> wrong) {
        if (records.size() == 1 && records.get(0).topic().equals(topic)) {
            return true;
        }
        wrong.add("expected one record on " + topic + ", found "
                + (records.isEmpty() ? "none" : records.stream().map(ConsumerRecord::topic).toList()));
        return false;
    }

    /** Reads the three topics until every awaited record is in or they go quiet, keyed by the batch's did. */
    private static Map<String, List<ConsumerRecord<byte[], byte[]>>> recordsByDevice(List<Case> corpus,
                                                                                    String finalDevice) {
        Set<String> awaited = new HashSet<>();
        corpus.stream().filter(c -> c.lands() != Lands.NOWHERE).map(Case::deviceId).forEach(awaited::add);
        awaited.add(finalDevice);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byDevice = new HashMap<>();
        Map<String, Object> props = Map.of("group.id", "hostile-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(props,
                BATCH_TOPIC, FAILED_TOPIC, DUPLICATE_TOPIC)) {
            // Every acknowledged batch was committed before its answer, so once the topics go quiet for a few
            // seconds nothing more is coming; a batch that never arrives must not cost the full deadline.
            long deadline = System.currentTimeMillis() + 30_000;
            long lastNew = 0; // the quiet period counts from the first record (joining the group takes a while)
            while (!byDevice.keySet().containsAll(awaited) && System.currentTimeMillis() < deadline
                    && (lastNew == 0 || System.currentTimeMillis() - lastNew < 3_000)) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    lastNew = System.currentTimeMillis();
                    records.forEach(r -> add(byDevice, r));
                }
            }
            // whatever arrives shortly after would be a record too many
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> add(byDevice, r));
        }
        return byDevice;
    }

    private static void add(Map<String, List<ConsumerRecord<byte[], byte[]>>> byDevice,
                            ConsumerRecord<byte[], byte[]> record) {
        try {
            Object did = Json.parseObject(record.value()).get("did");
            if (did instanceof String device) {
                byDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(record);
            }
        } catch (Exception e) {
            byDevice.computeIfAbsent("unparseable", d -> new ArrayList<>()).add(record);
        }
    }

    /** @return null when the task is RUNNING, else its state and the first line of its trace (it is restarted) */
    private static String restartTaskIfItFailed() throws InterruptedException {
        ConnectorStateInfo status = connect.connectorStatus(CONNECTOR);
        ConnectorStateInfo.TaskState task = status.tasks().isEmpty() ? null : status.tasks().get(0);
        if (task != null && "RUNNING".equals(task.state()) && "RUNNING".equals(status.connector().state())) {
            return null;
        }
        restarts++;
        String trouble = task == null ? "no task" : task.state() + ": "
                + (task.trace() == null ? "" : abbreviate(task.trace().lines().findFirst().orElse("")));
        if (!"RUNNING".equals(status.connector().state())) {
            connect.restartConnector(CONNECTOR);
        }
        if (task != null && !"RUNNING".equals(task.state())) {
            connect.restartTask(CONNECTOR, task.id());
        }
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, CONNECTOR + " did not restart");
        awaitListener();
        return trouble;
    }

    private static void awaitListener() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                RawExchange.Answer health = RawExchange.exchange(port,
                        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII), Send.WHOLE, false, Duration.ofSeconds(5));
                if (health.status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the listener of " + CONNECTOR + " does not answer GET /health on port " + port);
    }

    private static HttpResponse<String> postValidBatch(String device) throws Exception {
        String body = "{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"" + device + "\"},"
                + "\"ets\":1764300000000,\"events\":[{\"eid\":\"START\",\"ets\":1764300000000,\"ver\":\"3.0\","
                + "\"mid\":\"START:" + device + "\",\"edata\":{\"type\":\"app\"}}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/telemetry"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .header("x-device-id", device)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return abbreviate(text, 160);
    }

    private static String abbreviate(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
    }
}
