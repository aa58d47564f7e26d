package org.egov.telemetry.it.edge;

import org.egov.telemetry.it.support.CommittedRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.assertj.core.api.SoftAssertions;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.edge.IngestClient.Answer;
import org.egov.telemetry.it.support.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP source while its only Kafka broker is down: clients are refused with 503 and Retry-After, the
 * worker's heap stays within what the in-flight budget allows, and once the broker is back every batch that
 * was acknowledged is in the batch topic exactly once, clients having resent the others (same params.msgid,
 * as the Sunbird SDK does) until they were acknowledged too. The cluster is this test's own (one broker, one
 * worker with exactly-once source support), since it stops the broker.
 */
class EdgeBackpressureIT {

    private static final Logger log = LoggerFactory.getLogger(EdgeBackpressureIT.class);

    private static final int MAX_INFLIGHT_BATCHES = 64;
    private static final long MAX_INFLIGHT_BYTES = 32 * 1024; // about six of the 5 KB batches below
    private static final int CLIENTS = 8;
    private static final int POSTS_PER_CLIENT = 150;
    private static final Duration OUTAGE_LOAD = Duration.ofSeconds(20);
    private static final int EVENTS_PER_BATCH = 8; // about 5.3 KB of JSON

    private static EmbeddedConnectCluster connect;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** One batch as a client holds it: sent until acknowledged, always with the same params.msgid. */
    private record Posted(String msgid, byte[] body, Map<String, String> headers, Answer firstAnswer,
                          Instant sent, Instant answered) {

        @Override
        public String toString() {
            return msgid + " sent " + sent + ", answered " + answered + ": " + firstAnswer;
        }
    }

    /** A connector of this test with its client. */
    private record Edge(String connector, String prefix, IngestClient client) {
    }

    @BeforeAll
    static void start() {
        // A worker that cannot reach its group coordinator for heartbeat.interval.ms revokes its own connectors
        // and tasks (Connect's WorkerCoordinator), which closes the listener: with the default 3 s, clients of
        // a cluster whose only broker is down get "connection refused" instead of an answer within seconds.
        // Here an outage shorter than 40 s leaves the worker its tasks, so the edge is what answers.
        connect = EdgeCluster.start("edge-backpressure", Map.of(
                "heartbeat.interval.ms", "40000", "session.timeout.ms", "120000"));
    }

    /** A test that failed during the outage leaves the broker to be restarted here, for the next test. */
    @AfterEach
    void brokerIsBack() {
        if (connect.kafka().runningBrokers().isEmpty()) {
            connect.kafka().restartOnlyBrokers();
        }
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void brokerOutageIsAnsweredWith503AndEveryAcknowledgedBatchIsStoredOnce() throws Exception {
        Edge edge = register("edge-bp-source", "edge-bp", Map.of());
        Posted warmUp = post(edge, run + "-warm-up", "device-" + run);
        assertThat(warmUp.firstAnswer().status()).as("before the outage: %s", warmUp.firstAnswer()).isEqualTo(200);
        long baseline = usedHeapAfterGc();

        connect.kafka().stopOnlyBrokers();
        AtomicLong heapPeak = new AtomicLong();
        List<Posted> posted = loadDuringOutage(edge, heapPeak);
        logStatus(edge, "at the end of the outage");
        List<Answer> answers = posted.stream().map(Posted::firstAnswer).collect(Collectors.toList());
        log.info("Answers during the outage: {}; used heap after GC: {} MB before, at most {} MB during",
                summary(answers), baseline >> 20, heapPeak.get() >> 20);
        // Checked softly, so that a wrong answer does not hide what happens to the batches after the outage.
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(posted).as("posts answered otherwise than 200, or 503 with Retry-After, while the broker "
                + "is down").filteredOn(p -> !okOrBusy(p.firstAnswer())).isEmpty();
        softly.assertThat(answers).as("refusals while the broker is down").anyMatch(a -> a.status() == 503);
        // Bound: the edge holds at most max.inflight.bytes of request bodies, each also parsed into a map that
        // takes several times its JSON size (allowed 10x); a batch handed to Connect stays in that budget until
        // its client is answered. What else the JVM (broker, worker, these clients) keeps across a full GC
        // varies by a few MB: allowed 16 MB. The clients offer about 20 times max.inflight.bytes every second,
        // so a worker that kept what it refuses would pass the bound within the outage. (A batch answered
        // ACK_TIMEOUT leaves the budget but stays queued in the task until Connect polls it again: up to
        // max.inflight.batches more per ack.timeout.ms while the task is blocked, here a few MB in all.)
        long bound = baseline + 10 * MAX_INFLIGHT_BYTES + (16L << 20);
        softly.assertThat(heapPeak.get()).as("used heap after GC during the outage; before it %d MB", baseline >> 20)
                .isLessThan(bound);

        connect.kafka().restartOnlyBrokers();
        logStatus(edge, "once the broker is back");
        assertEveryAcknowledgedBatchStored(softly, edge, warmUp, posted, false);
        softly.assertAll();
    }

    /**
     * An outage longer than the producer's max.block.ms (60 s by default; 5 s here, to keep the test short):
     * the transaction cannot commit, Connect fails the task (stopping it, and so its listener) and does not
     * restart it by itself. While the task lives, clients are answered 503 with Retry-After; after that their
     * connections are refused. Once the broker is back and the task restarted through the REST API, what they
     * resend is taken, and every acknowledged batch is in the batch topic. A batch answered 200 at once is
     * there exactly once; one that was refused and resent may be there twice: the failed task's last
     * transaction can still commit when the broker returns, and the restarted task's in-memory dedup store
     * starts empty, so it cannot recognise the resend (at-least-once across a task restart, never a loss).
     */
    @Test
    void taskFailedByALongOutageIsRestartedAndLosesNoAcknowledgedBatch() throws Exception {
        Edge edge = register("edge-bp-failing-source", "edge-bp-failing",
                Map.of("producer.override.max.block.ms", "5000"));
        Posted warmUp = post(edge, run + "-warm-up", "device-" + run);
        assertThat(warmUp.firstAnswer().status()).as("before the outage: %s", warmUp.firstAnswer()).isEqualTo(200);

        connect.kafka().stopOnlyBrokers();
        List<Posted> posted = loadDuringOutage(edge, new AtomicLong());
        logStatus(edge, "at the end of the outage");
        List<Answer> answers = posted.stream().map(Posted::firstAnswer).collect(Collectors.toList());
        log.info("Answers during the outage: {}", summary(answers));
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(posted).as("posts answered otherwise than 200, or 503 with Retry-After, while the broker "
                + "is down (a connection refused once the failed task's listener is closed is no answer)")
                .filteredOn(p -> p.firstAnswer().failure() == null && !okOrBusy(p.firstAnswer())).isEmpty();

        connect.kafka().restartOnlyBrokers();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                "FAILED".equals(connect.connectorStatus(edge.connector()).tasks().get(0).state()));
        logStatus(edge, "once the broker is back");
        // Connect does not restart a failed task by itself; an operator (here the test) does, through REST.
        connect.restartTask(edge.connector(), 0);
        awaitRunning(edge.connector());
        assertEveryAcknowledgedBatchStored(softly, edge, warmUp, posted, true);
        softly.assertAll();
    }

    private Edge register(String connector, String prefix, Map<String, String> overrides) {
        int port = FreePorts.next();
        Map<String, String> config = EdgeCluster.httpSource(connect, prefix, port);
        config.put("max.inflight.batches", Integer.toString(MAX_INFLIGHT_BATCHES));
        config.put("max.inflight.bytes", Long.toString(MAX_INFLIGHT_BYTES));
        config.put("ack.timeout.ms", "1000");
        config.put("retry.after.seconds", "1");
        config.putAll(overrides);
        connect.configureConnector(connector, config);
        awaitRunning(connector);
        return new Edge(connector, prefix, new IngestClient(URI.create("http://127.0.0.1:" + port + "/v1/telemetry")));
    }

    /**
     * {@link #CLIENTS} clients post new batches for {@link #OUTAGE_LOAD} (at most {@link #POSTS_PER_CLIENT}
     * each), pausing only 100 ms after a refusal, while the used heap is sampled after a full GC every 2 s.
     */
    private List<Posted> loadDuringOutage(Edge edge, AtomicLong heapPeak) throws Exception {
        Queue<Posted> posted = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> heapPeak.accumulateAndGet(usedHeapAfterGc(), Math::max),
                1, 2, TimeUnit.SECONDS);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long loadEnd = System.nanoTime() + OUTAGE_LOAD.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String device = "device-" + run + "-" + c;
            String prefix = run + "-c" + c + "-";
            running.add(clients.submit(() -> {
                for (int i = 0; i < POSTS_PER_CLIENT && System.nanoTime() - loadEnd < 0; i++) {
                    Posted p = post(edge, prefix + i, device);
                    posted.add(p);
                    Thread.sleep(p.firstAnswer().failure() != null ? 1000 : p.firstAnswer().ok() ? 0 : 100);
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : running) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
            sampler.shutdown();
            sampler.awaitTermination(1, TimeUnit.MINUTES);
        }
        return new ArrayList<>(posted);
    }

    /**
     * Clients resend every batch that was refused until it is acknowledged; then each is in the topic once (a
     * resent one at most twice when {@code acrossTaskRestart}).
     */
    private void assertEveryAcknowledgedBatchStored(SoftAssertions softly, Edge edge, Posted warmUp,
                                                    List<Posted> posted, boolean acrossTaskRestart)
            throws Exception {
        List<Posted> acknowledged = new ArrayList<>(List.of(warmUp));
        List<Posted> refused = new ArrayList<>();
        for (Posted p : posted) {
            (p.firstAnswer().ok() ? acknowledged : refused).add(p);
        }
        ExecutorService resenders = Executors.newFixedThreadPool(CLIENTS);
        long resendEnd = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<Future<List<Answer>>> resent = new ArrayList<>();
        for (Posted p : refused) {
            resent.add(resenders.submit(() -> resendUntilAcknowledged(edge, p, resendEnd)));
        }
        List<Answer> resendAnswers = new ArrayList<>();
        try {
            for (int i = 0; i < refused.size(); i++) {
                List<Answer> answers = resent.get(i).get(3, TimeUnit.MINUTES);
                resendAnswers.addAll(answers);
                Answer last = answers.get(answers.size() - 1);
                assertThat(last.status()).as("last answer to resent %s: %s", refused.get(i).msgid(), last)
                        .isEqualTo(200);
                acknowledged.add(refused.get(i));
            }
        } finally {
            resenders.shutdownNow();
        }
        log.info("Resent {} refused batches until acknowledged; answers: {}", refused.size(), summary(resendAnswers));

        Map<String, Long> inTopic = msgidCounts(edge.prefix() + "-batches");
        Map<String, Long> inDuplicates = msgidCounts(edge.prefix() + "-duplicates");
        log.info("{} batches acknowledged; the batch topic holds {} of them, the duplicate topic {} resent copies",
                acknowledged.size(), total(inTopic), total(inDuplicates));
        java.util.Set<String> resentMsgids = refused.stream().map(Posted::msgid).collect(Collectors.toSet());
        List<String> wrongCount = acknowledged.stream().filter(p -> {
            long copies = inTopic.getOrDefault(p.msgid(), 0L);
            long allowed = acrossTaskRestart && resentMsgids.contains(p.msgid()) ? 2 : 1;
            return copies < 1 || copies > allowed;
        }).map(p -> inTopic.getOrDefault(p.msgid(), 0L) + " copies of " + p).collect(Collectors.toList());
        softly.assertThat(wrongCount).as("acknowledged batches missing from the batch topic, or there more often "
                + "than allowed").isEmpty();
        softly.assertThat(inTopic.keySet()).as("msgids in the batch topic that were never acknowledged")
                .isSubsetOf(acknowledged.stream().map(Posted::msgid).collect(Collectors.toSet()));
    }

    private Posted post(Edge edge, String msgid, String device) throws InterruptedException {
        Map<String, String> headers = Map.of("x-device-id", device, "x-channel-id", "in.sunbird",
                "x-app-id", "sunbird.portal");
        byte[] body = EdgeBatches.batch(msgid, device, EVENTS_PER_BATCH);
        Instant sent = Instant.now();
        Answer answer = edge.client().post(body, headers);
        return new Posted(msgid, body, headers, answer, sent, Instant.now());
    }

    private static List<Answer> resendUntilAcknowledged(Edge edge, Posted p, long deadline)
            throws InterruptedException {
        List<Answer> answers = new ArrayList<>();
        Answer answer = edge.client().post(p.body(), p.headers());
        answers.add(answer);
        while (!answer.ok() && System.nanoTime() - deadline < 0) {
            long pauseSeconds = answer.retryAfter() == null ? 1 : Long.parseLong(answer.retryAfter());
            Thread.sleep(TimeUnit.SECONDS.toMillis(pauseSeconds));
            answer = edge.client().post(p.body(), p.headers());
            answers.add(answer);
        }
        return answers;
    }

    private static boolean okOrBusy(Answer answer) {
        return answer.ok() || (answer.status() == 503 && answer.retryAfter() != null && !answer.retryAfter().isBlank());
    }

    private Map<String, Long> msgidCounts(String topic) {
        Map<String, Long> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.readAll(connect.kafka(), topic)) {
            try {
                if (Json.parseObject(record.value()).get("params") instanceof Map<?, ?> params
                        && params.get("msgid") instanceof String msgid && msgid.startsWith(run)) {
                    counts.merge(msgid, 1L, Long::sum);
                }
            } catch (IOException e) {
                throw new AssertionError("not JSON at offset " + record.offset() + " of " + topic, e);
            }
        }
        return counts;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Answers counted by status and error code, e.g. {@code {200=3, 503 BUSY=120, 503 ACK_TIMEOUT=40}}. */
    private static Map<String, Long> summary(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(a -> a.failure() != null
                ? "no answer (" + a.failure().getClass().getSimpleName() + ")"
                : a.status() + " " + errorCode(a) + (a.ok() || a.retryAfter() != null ? "" : " without Retry-After"),
                java.util.TreeMap::new, Collectors.counting()));
    }

    private static String errorCode(Answer answer) {
        try {
            return Json.parseObject(answer.body()).get("params") instanceof Map<?, ?> params
                    && params.get("err") != null ? String.valueOf(params.get("err")) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void logStatus(Edge edge, String when) {
        ConnectorStateInfo status = connect.connectorStatus(edge.connector());
        log.info("{} {}: connector {}, tasks {}", edge.connector(), when, status.connector().state(),
                status.tasks().stream().map(t -> t.state() + (t.trace() == null ? "" : " " + t.trace()))
                        .collect(Collectors.toList()));
    }

    private static void awaitRunning(String connector) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            ConnectorStateInfo status = connect.connectorStatus(connector);
            return "RUNNING".equals(status.connector().state()) && status.tasks().size() == 1
                    && "RUNNING".equals(status.tasks().get(0).state());
        });
    }
}
