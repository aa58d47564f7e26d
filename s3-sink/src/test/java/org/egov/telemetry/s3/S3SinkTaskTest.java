package org.egov.telemetry.s3;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.egov.telemetry.s3.Records.DAY;
import static org.egov.telemetry.s3.Records.MARCH_1;
import static org.egov.telemetry.s3.Records.batch;
import static org.egov.telemetry.s3.S3SinkMetricsTest.taskTags;

class S3SinkTaskTest {

    private static final String TOPIC = "telemetry-deduped-messages";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final String DIR = "topics/" + TOPIC + "/dt=2024-03-01/";

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-05T00:00:00Z"));
    private FakeSinkTaskContext context;
    private S3SinkTask task;
    /** Runs uploads on the task thread unless a test queues them. */
    private ExecutorService uploads = CallingThreadExecutorService.direct();
    /** What the worker offers for the task's metrics; null unless a test sets it. */
    private PluginMetrics pluginMetrics;

    private S3SinkTask start(String... config) {
        Map<String, String> props = Records.config(config);
        context = new FakeSinkTaskContext(props);
        context.pluginMetrics = pluginMetrics;
        task = new S3SinkTask(c -> store, clock, name -> uploads);
        task.initialize(context);
        task.start(props);
        task.open(List.of(P0, P1));
        return task;
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
    }

    private static List<SinkRecord> batches(int partition, long fromOffset, int count, long syncts) {
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = fromOffset; offset < fromOffset + count; offset++) {
            records.add(batch(TOPIC, partition, offset, syncts));
        }
        return records;
    }

    private Map<TopicPartition, OffsetAndMetadata> preCommit() {
        return task.preCommit(Records.consumed(TOPIC, 2, 1_000));
    }

    private List<String> linesOf(String key) {
        assertThat(store.objects).containsKey(key);
        return Records.gunzipLines(store.objects.get(key));
    }

    @Test
    void uploadsThePartitionsFileWhenFlushSizeIsReached() {
        start("flush.size", "3");

        task.put(batches(0, 0, 5, MARCH_1));

        assertThat(store.objects).containsOnlyKeys(DIR + TOPIC + "+0+0000000000.json.gz");
        assertThat(linesOf(DIR + TOPIC + "+0+0000000000.json.gz")).containsExactly(
                new String((byte[]) batch(TOPIC, 0, 0, MARCH_1).value(), StandardCharsets.UTF_8),
                new String((byte[]) batch(TOPIC, 0, 1, MARCH_1).value(), StandardCharsets.UTF_8),
                new String((byte[]) batch(TOPIC, 0, 2, MARCH_1).value(), StandardCharsets.UTF_8));
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(3)));
    }

    @Test
    void recordsOfOneFlushAreSplitIntoOneFilePerDay() {
        start("flush.size", "4");

        task.put(List.of(batch(TOPIC, 0, 10, MARCH_1), batch(TOPIC, 0, 11, MARCH_1 + DAY),
                batch(TOPIC, 0, 12, MARCH_1), batch(TOPIC, 0, 13, MARCH_1 + DAY)));

        String day1 = DIR + TOPIC + "+0+0000000010.json.gz";
        String day2 = "topics/" + TOPIC + "/dt=2024-03-02/" + TOPIC + "+0+0000000011.json.gz";
        assertThat(store.objects).containsOnlyKeys(day1, day2);
        assertThat(linesOf(day1)).hasSize(2).allMatch(line -> line.contains("\"mid\":\"m10\"") || line.contains("\"mid\":\"m12\""));
        assertThat(linesOf(day2)).hasSize(2).allMatch(line -> line.contains("\"mid\":\"m11\"") || line.contains("\"mid\":\"m13\""));
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(14)));
    }

    @Test
    void scheduledRotationUploadsAnIdleFileOnAnEmptyPut() {
        start("rotate.schedule.interval.ms", "60000");
        task.put(batches(0, 0, 2, MARCH_1));

        clock.advance(Duration.ofSeconds(59));
        task.put(List.of());
        assertThat(store.objects).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        task.put(List.of());
        assertThat(linesOf(DIR + TOPIC + "+0+0000000000.json.gz")).hasSize(2);
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void scheduledRotationIsAlsoCheckedBeforeOffsetsAreCommitted() {
        start("rotate.schedule.interval.ms", "60000");
        task.put(batches(0, 0, 2, MARCH_1));
        assertThat(preCommit()).isEmpty();

        clock.advance(Duration.ofMinutes(1));

        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));
        assertThat(store.objects).containsOnlyKeys(DIR + TOPIC + "+0+0000000000.json.gz");
    }

    @Test
    void recordTimeRotationUploadsBeforeARecordAnIntervalAfterTheFirst() {
        start("rotate.interval.ms", "3600000");
        long minute = 60_000;

        task.put(List.of(batch(TOPIC, 0, 0, MARCH_1), batch(TOPIC, 0, 1, MARCH_1 + 30 * minute),
                batch(TOPIC, 0, 2, MARCH_1 + 60 * minute), batch(TOPIC, 0, 3, MARCH_1 + 70 * minute)));

        assertThat(store.objects).containsOnlyKeys(DIR + TOPIC + "+0+0000000000.json.gz");
        assertThat(linesOf(DIR + TOPIC + "+0+0000000000.json.gz")).hasSize(2);
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void preCommitReturnsOnlyOffsetsOfUploadedRecords() {
        start("flush.size", "2");

        task.put(batches(0, 0, 3, MARCH_1)); // 0,1 uploaded; 2 open
        task.put(batches(1, 0, 1, MARCH_1)); // nothing uploaded on partition 1

        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void preCommitNeverReportsPartitionsConnectDidNotAskAbout() {
        start("flush.size", "1");
        task.put(batches(0, 0, 1, MARCH_1));

        assertThat(task.preCommit(Map.of(P1, new OffsetAndMetadata(0)))).isEmpty();
    }

    @Test
    void failedUploadIsRetriableKeepsTheDataAndARedeliveryIsNotDuplicated() {
        start("flush.size", "2", "retry.backoff.ms", "1234");
        store.failuresToInject = 2; // the put and the commit that follows
        List<SinkRecord> records = batches(0, 0, 2, MARCH_1);

        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class);
        assertThat(context.timeoutMs).isEqualTo(1234);
        assertThat(preCommit()).isEmpty();

        task.put(records); // Connect delivers the same batch again after a retriable failure

        assertThat(linesOf(DIR + TOPIC + "+0+0000000000.json.gz")).hasSize(2);
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void failedUploadInPreCommitCommitsOnlyWhatIsDurableAndIsRetriedByTheNextPut() {
        start("flush.size", "2", "rotate.schedule.interval.ms", "60000");
        task.put(batches(0, 0, 3, MARCH_1)); // 0,1 uploaded; 2 open
        clock.advance(Duration.ofMinutes(1));
        store.failuresToInject = 1;

        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));

        task.put(List.of());
        assertThat(store.objects).containsKey(DIR + TOPIC + "+0+0000000002.json.gz");
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(3)));
    }

    @Test
    void putGoesOnBufferingWhileAnUploadRunsAndPreCommitReportsTheBatchOnlyAfterIt() {
        CallingThreadExecutorService background = CallingThreadExecutorService.queued();
        uploads = background;
        start("flush.size", "2");

        task.put(batches(0, 0, 2, MARCH_1));
        task.put(batches(0, 2, 1, MARCH_1));

        assertThat(store.objects).isEmpty();
        assertThat(preCommit()).isEmpty();
        background.runQueued();
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));
        assertThat(linesOf(DIR + TOPIC + "+0+0000000000.json.gz")).hasSize(2);
    }

    @Test
    void aBackgroundUploadFailureIsThrownByTheNextPutAndTheBatchIsUploadedAgain() {
        CallingThreadExecutorService background = CallingThreadExecutorService.queued();
        uploads = background;
        start("flush.size", "2", "retry.backoff.ms", "321");
        store.failuresToInject = 1;
        task.put(batches(0, 0, 2, MARCH_1));
        background.runQueued();

        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(RetriableException.class);
        assertThat(context.timeoutMs).isEqualTo(321);
        assertThat(preCommit()).isEmpty();

        task.put(batches(0, 0, 2, MARCH_1)); // redelivered: nothing buffered twice
        background.runQueued();
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));
        assertThat(linesOf(DIR + TOPIC + "+0+0000000000.json.gz")).hasSize(2);
    }

    @Test
    void closingARevokedPartitionCancelsItsUploadThatHasNotStarted() {
        CallingThreadExecutorService background = CallingThreadExecutorService.queued();
        uploads = background;
        start("flush.size", "2");
        task.put(batches(0, 0, 2, MARCH_1));
        task.put(batches(1, 0, 2, MARCH_1));

        task.close(List.of(P0));
        background.runQueued();

        assertThat(store.objects).containsOnlyKeys(DIR + TOPIC + "+1+0000000000.json.gz");
    }

    @Test
    void closeDropsOnlyTheRevokedPartitions() {
        start("flush.size", "3");
        task.put(batches(0, 0, 2, MARCH_1));
        task.put(batches(1, 0, 2, MARCH_1));

        task.close(List.of(P0));
        task.put(batches(1, 2, 1, MARCH_1));

        assertThat(store.objects).containsOnlyKeys(DIR + TOPIC + "+1+0000000000.json.gz");
        assertThat(preCommit()).containsExactly(Map.entry(P1, new OffsetAndMetadata(3)));
    }

    @Test
    void offsetsAndFileNamesFollowTheOriginalTopicWhenAnSmtRenamesIt() {
        start("flush.size", "1");
        SinkRecord original = batch(TOPIC, 0, 7, MARCH_1);
        SinkRecord renamed = original.newRecord("renamed", 5, null, null, null, original.value(), original.timestamp());

        task.put(List.of(renamed));

        assertThat(store.objects).containsOnlyKeys("topics/renamed/dt=2024-03-01/" + TOPIC + "+0+0000000007.json.gz");
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(8)));
    }

    @Test
    void nullValuesAreSkippedAndCountAsHandled() {
        start("flush.size", "2");

        task.put(List.of(Records.record(TOPIC, 0, 0, null), Records.record(TOPIC, 0, 1, null)));

        assertThat(store.objects).isEmpty();
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void nullValuesFailTheTaskWhenConfigured() {
        start("behavior.on.null.values", "fail");

        assertThatThrownBy(() -> task.put(List.of(Records.record(TOPIC, 0, 4, null))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(TOPIC + "-0 offset 4");
    }

    @Test
    void structValuesAreWrittenAsJsonWithoutTheirSchema() {
        start("flush.size", "1", "s3.compression.type", "none");
        Schema schema = SchemaBuilder.struct().field("syncts", Schema.INT64_SCHEMA).field("a", Schema.STRING_SCHEMA).build();
        Struct value = new Struct(schema).put("syncts", MARCH_1).put("a", "x");

        task.put(List.of(new SinkRecord(TOPIC, 1, null, null, schema, value, 9)));

        assertThat(Records.lines(store.objects.get(DIR + TOPIC + "+1+0000000009.json")))
                .containsExactly("{\"syncts\":" + MARCH_1 + ",\"a\":\"x\"}");
    }

    @Test
    void aValueThatIsNotJsonFailsNamingTheRecordWhenNoErrantRecordReporterIsOffered() {
        start();

        assertThatThrownBy(() -> task.put(List.of(Records.record(TOPIC, 1, 9, "not json {"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(TOPIC + "-1 offset 9")
                .hasMessageNotContaining("not json");
    }

    @Test
    void unserialisableRecordsGoToTheErrantRecordReporterAndCountAsHandled() {
        Map<String, String> props = Records.config("flush.size", "2");
        context = new FakeSinkTaskContext(props);
        context.errant = new ArrayList<>();
        task = new S3SinkTask(c -> store, clock, name -> uploads);
        task.initialize(context);
        task.start(props);
        SinkRecord broken = Records.record(TOPIC, 0, 1, "{\"unterminated\":".getBytes(StandardCharsets.UTF_8));
        SinkRecord twoValues = Records.record(TOPIC, 0, 2, "{} {}");

        task.put(List.of(batch(TOPIC, 0, 0, MARCH_1), broken, twoValues, batch(TOPIC, 0, 3, MARCH_1)));

        assertThat(context.errant).containsExactly(broken, twoValues);
        assertThat(linesOf(DIR + TOPIC + "+0+0000000000.json.gz")).hasSize(2);
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(4)));
    }

    @Test
    void uncompressedObjectsHoldStringAndMapValuesAsJsonLines() {
        start("flush.size", "2", "s3.compression.type", "none");

        task.put(List.of(Records.record(TOPIC, 0, 0, "{\"syncts\":" + MARCH_1 + ",\"a\":1}"),
                Records.record(TOPIC, 0, 1, Map.of("syncts", MARCH_1))));

        assertThat(Records.lines(store.objects.get(DIR + TOPIC + "+0+0000000000.json")))
                .containsExactly("{\"syncts\":" + MARCH_1 + ",\"a\":1}", "{\"syncts\":" + MARCH_1 + "}");
    }

    @Test
    void theSameOffsetRangeGivesTheSameKeysAndBytes() {
        start("flush.size", "3");
        List<SinkRecord> records = new ArrayList<>(batches(0, 0, 4, MARCH_1));
        records.add(batch(TOPIC, 0, 4, MARCH_1 + DAY));
        records.add(batch(TOPIC, 0, 5, MARCH_1));
        task.put(records);
        Map<String, byte[]> first = Map.copyOf(store.objects);
        task.stop();
        store.clear();

        start("flush.size", "3");
        clock.advance(Duration.ofDays(3));
        task.put(records);

        assertThat(store.objects).hasSameSizeAs(first);
        first.forEach((key, bytes) -> assertThat(store.objects.get(key)).as(key).isEqualTo(bytes));
    }

    @Test
    void flushSizeBytesClosesAFileOnceItHoldsThatManyUncompressedBytes() {
        int lineBytes = ((byte[]) batch(TOPIC, 0, 0, MARCH_1).value()).length + 1;
        start("flush.size.bytes", Integer.toString(3 * lineBytes));

        task.put(batches(0, 0, 7, MARCH_1));

        assertThat(store.objects).containsOnlyKeys(DIR + TOPIC + "+0+0000000000.json.gz", DIR + TOPIC + "+0+0000000003.json.gz");
        assertThat(linesOf(DIR + TOPIC + "+0+0000000003.json.gz")).hasSize(3);
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(6)));
    }

    @Test
    void recordTimeRotationAloneKeepsAFileOpenWhileNoNewerRecordArrives() {
        start("rotate.interval.ms", "60000");
        task.put(batches(0, 0, 2, MARCH_1));

        clock.advance(Duration.ofHours(1));
        task.put(List.of());

        assertThat(store.objects).isEmpty();
    }

    @Test
    void idleRotationClosesAFileWhenNoRecordArrivesForThatLong() {
        start("rotate.interval.ms", "60000", "rotate.idle.ms", "30000");
        task.put(batches(0, 0, 2, MARCH_1));
        clock.advance(Duration.ofSeconds(20));
        task.put(batches(0, 2, 1, MARCH_1));

        clock.advance(Duration.ofSeconds(29));
        task.put(List.of());
        assertThat(store.objects).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(preCommit()).containsExactly(Map.entry(P0, new OffsetAndMetadata(3)));
        assertThat(linesOf(DIR + TOPIC + "+0+0000000000.json.gz")).hasSize(3);
    }

    @Test
    void scheduledRotationIsAlignedToTheIntervalNotToWhenTheFileOpened() {
        start("rotate.schedule.interval.ms", "60000");
        clock.advance(Duration.ofSeconds(50));
        task.put(batches(0, 0, 1, MARCH_1)); // opened at 00:00:50, due at 00:01:00

        clock.advance(Duration.ofSeconds(10));
        task.put(List.of());

        assertThat(store.objects).containsOnlyKeys(DIR + TOPIC + "+0+0000000000.json.gz");
    }

    @Test
    void whenTheBufferCapIsReachedTheLargestOpenFileIsUploadedEarly() {
        start("s3.buffer.max.bytes", Integer.toString(1024 * 1024), "s3.compression.type", "none");
        String big = "{\"syncts\":" + MARCH_1 + ",\"pad\":\"" + "x".repeat(100_000) + "\"}";
        List<SinkRecord> records = new ArrayList<>();
        records.add(Records.record(TOPIC, 1, 0, "{\"syncts\":" + MARCH_1 + "}"));
        for (long offset = 0; offset < 12; offset++) {
            records.add(Records.record(TOPIC, 0, offset, big));
        }

        task.put(records);

        assertThat(store.objects).containsOnlyKeys(DIR + TOPIC + "+0+0000000000.json");
        assertThat(Records.lines(store.objects.get(DIR + TOPIC + "+0+0000000000.json"))).hasSizeBetween(5, 11);
        assertThat(preCommit()).containsOnlyKeys(P0);
    }

    @Test
    void aReplayCutsAtTheOffsetsAnEarlierAttemptUploadedEvenWhenTheWallClockCutThem() {
        start("rotate.schedule.interval.ms", "60000", "flush.size", "100");
        task.put(batches(0, 0, 5, MARCH_1));
        clock.advance(Duration.ofMinutes(1));
        task.put(batches(0, 5, 3, MARCH_1)); // 0..4 cut by the clock and uploaded; 5..7 open
        byte[] firstRange = store.objects.get(DIR + TOPIC + "+0+0000000000.json.gz");
        task.stop(); // a crash before any offset commit: Connect will deliver from offset 0 again

        start("flush.size", "100");
        task.put(batches(0, 0, 10, MARCH_1));
        task.close(List.of(P0)); // nothing more is uploaded for 5..9 until their file is full
        start("flush.size", "5");
        task.put(batches(0, 0, 10, MARCH_1));

        assertThat(store.objects).containsOnlyKeys(DIR + TOPIC + "+0+0000000000.json.gz", DIR + TOPIC + "+0+0000000005.json.gz");
        assertThat(store.objects.get(DIR + TOPIC + "+0+0000000000.json.gz")).isEqualTo(firstRange);
        assertThat(linesOf(DIR + TOPIC + "+0+0000000005.json.gz")).hasSize(5);
    }

    @Test
    void aFailedLookUpOfEarlierObjectsIsRetriableAndBuffersNothing() {
        start("flush.size", "2", "retry.backoff.ms", "99");
        store.lookupFailuresToInject = 1;
        List<SinkRecord> records = batches(0, 0, 2, MARCH_1);

        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class);
        assertThat(context.timeoutMs).isEqualTo(99);
        task.put(records);

        assertThat(linesOf(DIR + TOPIC + "+0+0000000000.json.gz")).hasSize(2);
    }

    @Test
    void objectsCarryTheirOffsetRangeAsMetadata() {
        start("flush.size", "3");

        task.put(batches(0, 4, 3, MARCH_1));

        assertThat(store.metadata.get(DIR + TOPIC + "+0+0000000004.json.gz"))
                .containsEntry("kafka-first-offset", "4").containsEntry("kafka-last-offset", "6");
    }

    @Test
    void stopClosesTheStore() {
        start();

        task.stop();
        task = null;

        assertThat(store.closed).isTrue();
    }

    @Test
    void uploadedObjectsTheirRecordsBytesAndUploadTimesArePluginMetrics() {
        try (Metrics registry = new Metrics()) {
            pluginMetrics = new PluginMetricsImpl(registry, taskTags("3"));
            store.putDelayMs = 20;
            start("flush.size", "3");

            task.put(batches(0, 0, 7, MARCH_1)); // two objects of three records; the seventh stays buffered

            long bytes = store.objects.values().stream().mapToLong(object -> object.length).sum();
            assertThat(metric(registry, S3SinkMetrics.OBJECTS)).isEqualTo(2.0);
            assertThat(metric(registry, S3SinkMetrics.RECORDS)).isEqualTo(6.0);
            assertThat(metric(registry, S3SinkMetrics.BYTES)).isEqualTo((double) bytes);
            assertThat(metric(registry, S3SinkMetrics.LATENCY_AVG)).isGreaterThanOrEqualTo(20.0);
            assertThat(metric(registry, S3SinkMetrics.LATENCY_MAX)).isGreaterThanOrEqualTo(20.0);
            assertThat(metric(registry, S3SinkMetrics.FAILURES)).isZero();
            assertThat(metric(registry, S3SinkMetrics.RETRIES)).isZero();
        }
    }

    @Test
    void failedUploadsAndTheirRetriesArePluginMetrics() {
        try (Metrics registry = new Metrics()) {
            pluginMetrics = new PluginMetricsImpl(registry, taskTags("3"));
            start("flush.size", "2");
            store.failuresToInject = 2;
            List<SinkRecord> records = batches(0, 0, 2, MARCH_1);

            assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class);
            assertThat(metric(registry, S3SinkMetrics.FAILURES)).isEqualTo(1.0);
            assertThat(metric(registry, S3SinkMetrics.RETRIES)).isZero();

            preCommit(); // starts the upload again, which fails again
            assertThat(metric(registry, S3SinkMetrics.FAILURES)).isEqualTo(2.0);
            assertThat(metric(registry, S3SinkMetrics.RETRIES)).isEqualTo(1.0);

            task.put(records);
            assertThat(metric(registry, S3SinkMetrics.FAILURES)).isEqualTo(2.0);
            assertThat(metric(registry, S3SinkMetrics.RETRIES)).isEqualTo(2.0);
            assertThat(metric(registry, S3SinkMetrics.OBJECTS)).isEqualTo(1.0);
            assertThat(metric(registry, S3SinkMetrics.RECORDS)).isEqualTo(2.0);
        }
    }

    private static double metric(Metrics registry, String name) {
        return S3SinkMetricsTest.value(registry, name, "3");
    }
}
