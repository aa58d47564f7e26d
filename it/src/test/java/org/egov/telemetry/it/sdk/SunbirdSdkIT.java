package org.egov.telemetry.it.sdk;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.it.sdk.SdkDriver.Exchange;
import org.egov.telemetry.it.sdk.SdkDriver.Result;
import org.egov.telemetry.it.sdk.SunbirdSdk.SdkCall;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.FreePorts;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.egov.telemetry.it.sdk.CommittedTopic.batchWithMsgid;
import static org.egov.telemetry.it.sdk.CommittedTopic.header;
import static org.egov.telemetry.it.sdk.CommittedTopic.key;
import static org.egov.telemetry.it.sdk.CommittedTopic.value;

/**
 * The acceptance test of the ingest edge with its real client: the Sunbird telemetry SDK
 * ({@code @project-sunbird/telemetry-sdk} 2.0.1 from npm, run in Node) posts to an HTTP source registered
 * from {@code connectors/telemetry-http-source.json} with its real validate(batch) → dedup chain, and what
 * the SDK sent is compared with what Kafka holds.
 */
class SunbirdSdkIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CONNECTOR = "sdk-http-source-" + RUN;
    private static final String PATH = "/v1/telemetry";
    /** Long enough for any healthy write, short enough that a paused edge answers 503 soon. */
    private static final long ACK_TIMEOUT_MS = 4_000;
    private static final Duration DRIVER_DEADLINE = Duration.ofSeconds(60);
    private static final Duration KAFKA_DEADLINE = Duration.ofSeconds(60);

    private static EmbeddedConnectCluster connect;
    private static SunbirdSdk sdk;
    private static CommittedTopic batches;
    private static CommittedTopic failed;
    private static CommittedTopic duplicates;
    private static int port;

    @BeforeAll
    static void registerEdgeAndInstallSdk() throws Exception {
        CompletableFuture<SunbirdSdk> installing = CompletableFuture.supplyAsync(SunbirdSdk::install);
        connect = TestStack.shared().connect();
        batches = new CommittedTopic(connect.kafka(), "sdk-batches-" + RUN);
        failed = new CommittedTopic(connect.kafka(), "sdk-failed-" + RUN);
        duplicates = new CommittedTopic(connect.kafka(), "sdk-duplicates-" + RUN);
        for (CommittedTopic topic : List.of(batches, failed, duplicates)) {
            connect.kafka().createTopic(topic.name(), 1);
        }
        port = FreePorts.next();
        Map<String, String> config = new HashMap<>(ConnectorFiles.config(TestStack.HTTP_SOURCE, Map.of(
                "topic", batches.name(),
                "http.port", Integer.toString(port),
                "transforms.validate.failed.topic", failed.name(),
                "transforms.dedup.duplicate.topic", duplicates.name(),
                "predicates.isBatchTopic.pattern", batches.name())));
        config.put("ack.timeout.ms", Long.toString(ACK_TIMEOUT_MS));
        connect.configureConnector(CONNECTOR, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, CONNECTOR + " did not start");
        sdk = installing.join();
    }

    @AfterAll
    static void removeEdge() {
        if (connect != null) {
            connect.deleteConnector(CONNECTOR);
        }
    }

    @Test
    void everyEventOfAnSdkSessionArrivesAsSentInBatchesStampedFromTheSdkHeaders() {
        Map<String, Object> init = initialize("session", 3);
        Result result;
        try (SdkDriver driver = sdk.start("session-" + RUN, init, List.of(
                SdkCall.of("start", Map.of(), "pgr-complaint-" + RUN, "1.0",
                        Map.of("type", "app", "mode", "play", "pageid", "pgr-home")),
                SdkCall.of("interact", Map.of("type", "CLICK", "id", "file-complaint", "pageid", "pgr-home")),
                SdkCall.of("impression", Map.of("type", "view", "pageid", "complaint-form", "uri", "/pgr/create")),
                SdkCall.of("summary", Map.of("type", "app", "mode", "play", "starttime", 1764300000000L,
                        "endtime", 1764300012000L, "timespent", 12, "pageviews", 2, "interactions", 1)),
                SdkCall.of("end", Map.of("type", "app", "mode", "play", "pageid", "complaint-form"))),
                false, DRIVER_DEADLINE)) {
            result = driver.await(DRIVER_DEADLINE.plusSeconds(30));
        }

        assertThat(result.sdkVersion()).isEqualTo(SunbirdSdk.VERSION);
        assertThat(result.produced()).extracting(event -> event.get("eid"))
                .containsExactly("START", "INTERACT", "IMPRESSION", "SUMMARY", "END");
        // batchsize 3: the third event fills a batch, END flushes the rest
        List<Exchange> exchanges = result.exchanges();
        assertThat(exchanges).as("requests of the SDK").hasSize(2);
        List<Map<String, Object>> sentEvents = new ArrayList<>();
        exchanges.forEach(exchange -> sentEvents.addAll(exchange.events()));
        assertThat(sentEvents).as("events the SDK posted").isEqualTo(result.produced());

        for (Exchange exchange : exchanges) {
            assertThat(exchange.url()).isEqualTo("http://127.0.0.1:" + port + PATH);
            assertThat(exchange.method()).isEqualTo("POST");
            assertThat(exchange.headers()).containsEntry("content-type", "application/json")
                    .containsEntry("authorization", "Bearer " + init.get("authtoken"))
                    .containsEntry("x-device-id", (String) init.get("did"))
                    .containsEntry("x-channel-id", (String) init.get("channel"))
                    .containsEntry("x-app-id", "egov.digit.ui");
            assertThat(exchange.batch()).containsEntry("id", "api.sunbird.telemetry").containsEntry("ver", "3.0");
            assertSuccessAnswer(exchange);
        }

        List<String> msgids = exchanges.stream().map(Exchange::msgid).toList();
        assertThat(msgids).doesNotHaveDuplicates();
        List<ConsumerRecord<byte[], byte[]>> stored = batches.awaitMatching(batchWithMsgid(msgids), msgids.size(),
                KAFKA_DEADLINE);
        assertThat(stored).as("batches of this session on %s", batches.name()).hasSize(msgids.size());
        for (Exchange exchange : exchanges) {
            ConsumerRecord<byte[], byte[]> record = stored.stream()
                    .filter(r -> exchange.msgid().equals(CommittedTopic.msgid(value(r)))).findFirst().orElseThrow();
            assertStoredAsSent(record, exchange, false);
        }
        assertThat(failed.matching(batchWithMsgid(msgids))).as("failed batches").isEmpty();
        assertThat(duplicates.matching(batchWithMsgid(msgids))).as("duplicate batches").isEmpty();
    }

    @Test
    void batchAnswered503IsResentByTheSdkWithTheSameMsgidAndStoredOnce()
            throws Exception {
        Map<String, Object> init = initialize("retry", 20);
        // A paused task takes no batch from the edge's queue: the SDK's request waits, is answered 503 after
        // ack.timeout.ms, and the edge withdraws the batch it never handed over, so only the resend is stored.
        connect.pauseConnector(CONNECTOR);
        SdkDriver driver;
        try {
            connect.assertions().assertConnectorAndExactlyNumTasksArePaused(CONNECTOR, 1, CONNECTOR + " did not pause");
            driver = sdk.start("retry-" + RUN, init, List.of(
                    SdkCall.of("start", Map.of(), "pgr-complaint-" + RUN, "1.0",
                            Map.of("type", "app", "mode", "play", "pageid", "pgr-home")),
                    SdkCall.of("end", Map.of("type", "app", "mode", "play", "pageid", "pgr-home"))),
                    true, DRIVER_DEADLINE);
        } catch (Throwable e) {
            connect.resumeConnector(CONNECTOR);
            throw e;
        }
        Result result;
        try (driver) {
            try {
                await().atMost(DRIVER_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> driver.exchangesSoFar()
                        .stream().anyMatch(exchange -> Integer.valueOf(503).equals(exchange.status())));
            } finally {
                connect.resumeConnector(CONNECTOR);
            }
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 1, CONNECTOR + " did not resume");
            // The SDK's resend (its own retry timer, 1 s after the failure) is held until now, so it reaches a
            // running task whatever the timing.
            driver.releaseResend();
            result = driver.await(DRIVER_DEADLINE.plusSeconds(30));
        }

        assertThat(result.produced()).extracting(event -> event.get("eid")).containsExactly("START", "END");
        List<Exchange> exchanges = result.exchanges();
        assertThat(exchanges).as("requests of the SDK").hasSize(2);
        Exchange refused = exchanges.get(0);
        Exchange resent = exchanges.get(1);
        assertThat(refused.status()).as("first answer: %s", refused).isEqualTo(503);
        assertThat(refused.responseHeaders()).containsKey("retry-after");
        assertThat(refused.answer()).containsEntry("responseCode", "SERVER_ERROR");
        assertThat(mapAt(refused.answer(), "params")).containsEntry("status", "failed").containsEntry("err", "ACK_TIMEOUT");
        assertThat(resent.body()).as("the resent body").isEqualTo(refused.body());
        assertThat(resent.msgid()).isEqualTo(refused.msgid());
        assertSuccessAnswer(resent);
        assertThat(result.log()).as("the SDK's console").contains("Retry successful");

        String msgid = refused.msgid();
        List<ConsumerRecord<byte[], byte[]>> stored = batches.awaitMatching(batchWithMsgid(List.of(msgid)), 1,
                KAFKA_DEADLINE);
        assertThat(stored).as("batch %s on %s", msgid, batches.name()).hasSize(1);
        assertStoredAsSent(stored.get(0), resent, false);
        assertThat(duplicates.matching(batchWithMsgid(List.of(msgid)))).as("copies on %s", duplicates.name()).isEmpty();
        assertThat(failed.matching(batchWithMsgid(List.of(msgid)))).as("failed batches").isEmpty();
    }

    /** The SDK's configuration: a DIGIT app on this test's edge, ids unique to this run and scenario. */
    private static Map<String, Object> initialize(String scenario, int batchSize) {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("pdata", Map.of("id", "egov.digit.ui", "ver", "1.4.0", "pid", "digit-ui-pgr"));
        init.put("env", "pgr");
        init.put("channel", "pb.amritsar");
        init.put("uid", "citizen-" + RUN);
        init.put("did", "device-" + scenario + "-" + RUN);
        init.put("sid", "session-" + scenario + "-" + RUN);
        init.put("authtoken", "sdk-it-token");
        init.put("host", "http://127.0.0.1:" + port);
        init.put("endpoint", PATH);
        init.put("batchsize", batchSize);
        init.put("enableValidation", false);   // the SDK's SUMMARY schema disagrees with the pipeline's
        return init;
    }

    private static void assertSuccessAnswer(Exchange exchange) {
        assertThat(exchange.status()).as("answer to %s", exchange).isEqualTo(200);
        assertThat(exchange.responseHeaders().get("content-type")).startsWith("application/json");
        Map<String, Object> answer = exchange.answer();
        assertThat(answer).containsEntry("id", "api.telemetry").containsEntry("ver", "1.0")
                .containsEntry("responseCode", "SUCCESS").containsKey("ets");
        assertThat(mapAt(answer, "params")).containsEntry("msgid", exchange.msgid())
                .containsEntry("status", "successful");
        assertThat((String) mapAt(answer, "params").get("resmsgid")).isNotBlank();
    }

    /**
     * The record holds the batch exactly as the SDK sent it, event by event, plus what the edge adds: did,
     * channel and pid from the SDK's headers, its User-Agent as useragent, mid (also the record key) and the
     * receive time as syncts; a copy
     * routed by dedup also carries Sunbird's {@code flags.pp_duplicate}.
     */
    private static void assertStoredAsSent(ConsumerRecord<byte[], byte[]> record, Exchange exchange,
                                           boolean duplicate) {
        Map<String, Object> stored = value(record);
        Map<String, Object> sent = exchange.batch();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> storedEvents = (List<Map<String, Object>>) stored.get("events");
        List<Map<String, Object>> sentEvents = exchange.events();
        assertThat(storedEvents).as("events of %s", exchange.msgid()).hasSameSizeAs(sentEvents);
        for (int i = 0; i < sentEvents.size(); i++) {
            assertThat(storedEvents.get(i)).as("event %s", sentEvents.get(i).get("mid")).isEqualTo(sentEvents.get(i));
        }
        assertThat(stored).containsEntry("did", exchange.headers().get("x-device-id"))
                .containsEntry("channel", exchange.headers().get("x-channel-id"))
                .containsEntry("pid", exchange.headers().get("x-app-id"));
        assertThat(stored.get("mid")).isInstanceOf(String.class).isEqualTo(key(record));
        assertThat((String) stored.get("mid")).isNotBlank();
        assertThat(stored.get("syncts")).isInstanceOf(Number.class);
        assertThat(((Number) stored.get("syncts")).longValue()).as("syncts of %s", exchange.msgid())
                .isBetween(exchange.sentAt(), exchange.answeredAt());
        Map<String, Object> withoutStamp = new HashMap<>(stored);
        assertThat(stored.get("useragent")).as("useragent of %s", exchange.msgid()).isInstanceOf(String.class);
        for (String stamp : List.of("did", "channel", "pid", "mid", "syncts", "useragent")) {
            withoutStamp.remove(stamp);
        }
        if (duplicate) {
            assertThat(mapAt(stored, "flags")).as("flags of the copy").containsEntry("pp_duplicate", true);
            withoutStamp.remove("flags");
        }
        assertThat(withoutStamp).as("batch %s without the edge's stamp", exchange.msgid()).isEqualTo(sent);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Map<String, Object> map, String field) {
        return (Map<String, Object>) map.get(field);
    }
}
