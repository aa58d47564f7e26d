package org.egov.telemetry.s3;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.egov.telemetry.core.SinkTasks;
import org.egov.telemetry.core.Version;
import org.egov.telemetry.s3.config.FormatConfig;
import org.egov.telemetry.s3.config.S3SinkConnectorConfig;
import org.egov.telemetry.s3.config.StoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Buffers records per original topic partition, uploads them as NDJSON objects when a rotation is due or the
 * task's buffer cap is reached, and lets Connect commit only offsets whose records are in uploaded objects.
 *
 * <p>Uploads run on {@value #UPLOAD_THREADS} background threads per task, one batch of a partition at a time and
 * in offset order, while {@link #put} goes on buffering. Their outcome is taken on the task thread: a failure is
 * thrown by the next {@code put} (and only logged by {@code preCommit}, which commits what is durable), and the
 * batch stays buffered to be uploaded again.
 */
public class S3SinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(S3SinkTask.class);

    /** Enough to keep the store busy while the task thread reads the next batch. */
    static final int UPLOAD_THREADS = 2;

    private final Function<StoreConfig, ObjectStore> storeFactory;
    private final Clock clock;
    private final Function<String, ExecutorService> uploadExecutorFactory;
    private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();

    private S3SinkConnectorConfig config;
    private ObjectStore store;
    private ObjectKeys keys;
    private Folders folders;
    private RotationPolicy rotation;
    private RecordTimestamps timestamps;
    private RecordLines lines;
    private BufferBudget budget;
    private ErrantRecordReporter reporter;
    private ExecutorService uploadExecutor;
    private S3SinkMetrics metrics;

    public S3SinkTask() {
        this(S3ObjectStore::create, Clock.systemUTC(), S3SinkTask::uploadThreads);
    }

    /** @param uploadExecutorFactory the uploads' executor, given the connector name; shut down by {@link #stop()} */
    S3SinkTask(Function<StoreConfig, ObjectStore> storeFactory, Clock clock,
               Function<String, ExecutorService> uploadExecutorFactory) {
        this.storeFactory = storeFactory;
        this.clock = clock;
        this.uploadExecutorFactory = uploadExecutorFactory;
    }

    static ExecutorService uploadThreads(String connectorName) {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(UPLOAD_THREADS, UPLOAD_THREADS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, connectorName + "-s3-upload-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new S3SinkConnectorConfig(props);
        config.ensureConsistent();
        FormatConfig format = config.format();
        keys = new ObjectKeys(format.topicsDir(), format.offsetZeroPadWidth(), format.compressionType());
        folders = Folders.from(config.partitioner());
        rotation = RotationPolicy.from(config.rotation(), config.partitioner().timezone());
        timestamps = new RecordTimestamps(config.partitioner().timestampSource(), config.partitioner().timestampField(), clock);
        lines = new RecordLines(format.valueJsonCheck());
        budget = new BufferBudget(config.rotation().bufferMaxBytes());
        reporter = SinkTasks.errantRecordReporter(context);
        metrics = new S3SinkMetrics(SinkTasks.pluginMetrics(context));
        store = storeFactory.apply(config.store());
        uploadExecutor = uploadExecutorFactory.apply(props.getOrDefault("name", "s3-sink"));
        log.info("S3 sink task writing to {} (flush.size={}, flush.size.bytes={}, rotate.interval.ms={}, "
                        + "rotate.idle.ms={}, rotate.schedule.interval.ms={}, s3.buffer.max.bytes={}, dead letter queue {})",
                store.location(format.topicsDir()), rotation.flushSize(), rotation.flushSizeBytes(),
                rotation.recordIntervalMs(), rotation.idleMs(), rotation.scheduleIntervalMs(), budget.maxBytes(),
                reporter == null ? "off" : "on");
    }



    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            advanceUploads(); // a failure since the last call is thrown before more is buffered
            for (SinkRecord record : records) {
                buffer(record);
                if (budget.isExceeded()) {
                    relieveBuffer();
                }
            }
            rotateIfDue();
            advanceUploads();
        } catch (RetriableException e) {
            context.timeout(config.store().taskRetryBackoffMs());
            throw e;
        }
    }

    private void buffer(SinkRecord record) {
        TopicPartition partition = SinkTasks.originalPartition(record);
        long offset = record.originalKafkaOffset();
        PartitionWriter writer = writers.computeIfAbsent(partition, this::newWriter);
        if (writer.alreadySeen(offset)) {
            return;
        }
        byte[] line;
        try {
            line = lines.toLine(record);
        } catch (DataException e) {
            if (reporter == null) {
                throw new DataException("Cannot write the record at " + partition + " offset " + offset + ": "
                        + e.getMessage(), e);
            }
            reporter.report(record, e);
            log.warn("Reported the record at {} offset {} as errant: {}", partition, offset, e.getMessage());
            writer.skip(offset);
            return;
        }
        if (line == null) {
            if (config.format().nullValueBehavior() == NullValueBehavior.FAIL) {
                throw new DataException("Null or empty value at " + partition + " offset " + offset + " and "
                        + FormatConfig.BEHAVIOR_ON_NULL_VALUES + "=fail");
            }
            writer.skip(offset);
            return;
        }
        long timestamp = timestamps.of(record);
        writer.write(offset, record.topic(), folders.of(partition.partition(), timestamp), timestamp, line, clock.millis());
    }

    /**
     * Brings the task back under its cap: waits for running uploads, which free their batches' buffers, and when
     * none runs, seals the largest open batch to upload it early.
     */
    private void relieveBuffer() {
        while (true) {
            advanceUploads();
            if (!budget.isExceeded()) {
                return;
            }
            PartitionWriter uploading = writers.values().stream().filter(PartitionWriter::isUploading)
                    .findFirst().orElse(null);
            if (uploading != null) {
                uploading.awaitUpload();
                continue;
            }
            PartitionWriter largest = writers.values().stream()
                    .max(Comparator.comparingLong(PartitionWriter::openRetainedBytes)).orElse(null);
            if (largest == null || largest.openRetainedBytes() == 0) {
                return;
            }
            log.debug("Buffers hold {} of {} bytes; uploading the largest open file early",
                    budget.usedBytes(), budget.maxBytes());
            largest.sealOpen();
        }
    }

    /** Seals the batches due by the wall clock (schedule or idle). */
    private void rotateIfDue() {
        long now = clock.millis();
        for (PartitionWriter writer : writers.values()) {
            writer.rotateIfDue(now);
        }
    }

    /** Takes the outcome of finished uploads and starts the next ones; throws the first failure. */
    private void advanceUploads() {
        ConnectException first = null;
        for (PartitionWriter writer : writers.values()) {
            ConnectException failure = writer.advanceUploads();
            if (failure != null) {
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        rotateIfDue();
        try {
            advanceUploads();
        } catch (ConnectException e) {
            // The next put() uploads again and raises the failure there; commit what is durable meanwhile.
            log.warn("Upload before offset commit failed; committing only uploaded offsets: {}", e.getMessage());
        }
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        writers.forEach((partition, writer) -> {
            OptionalLong offset = writer.committableOffset();
            if (offset.isPresent() && currentOffsets.containsKey(partition)) {
                committable.put(partition, new OffsetAndMetadata(offset.getAsLong()));
            }
        });
        return committable;
    }

    /** Connect's flush is not used: {@link #preCommit} decides what is committed. */
    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        log.debug("Assigned {}", partitions);
    }

    /**
     * Drops the buffers of the revoked partitions only (after their running uploads end); their records are read
     * again from the committed offset.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionWriter dropped = writers.remove(partition);
            if (dropped != null) {
                if (dropped.bufferedRecords() > 0) {
                    log.info("Dropped {} buffered records of revoked {}", dropped.bufferedRecords(), partition);
                }
                dropped.discard();
            }
        }
    }

    @Override
    public void stop() {
        writers.values().forEach(PartitionWriter::discard);
        writers.clear();
        if (uploadExecutor != null) {
            uploadExecutor.shutdown();
            uploadExecutor = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private PartitionWriter newWriter(TopicPartition partition) {
        FormatConfig format = config.format();
        return new PartitionWriter(partition, keys, format.compressionType(), format.compressionLevel(), rotation, store, budget,
                uploadExecutor, metrics);
    }

}
