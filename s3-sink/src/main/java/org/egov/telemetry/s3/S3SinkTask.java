package org.egov.telemetry.s3;

import org.egov.telemetry.core.JsonLines;
import org.egov.telemetry.core.Version;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Buffers records per original topic partition, uploads them as NDJSON objects when a rotation is due, and
 * lets Connect commit only offsets whose records are in uploaded objects.
 */
public class S3SinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(S3SinkTask.class);

    private final Function<S3SinkConnectorConfig, ObjectStore> storeFactory;
    private final Clock clock;
    private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();

    private S3SinkConnectorConfig config;
    private ObjectStore store;
    private ObjectKeys keys;
    private RotationPolicy rotation;
    private RecordTimestamps timestamps;

    public S3SinkTask() {
        this(S3ObjectStore::create, Clock.systemUTC());
    }

    S3SinkTask(Function<S3SinkConnectorConfig, ObjectStore> storeFactory, Clock clock) {
        this.storeFactory = storeFactory;
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new S3SinkConnectorConfig(props);
        keys = ObjectKeys.from(config);
        rotation = RotationPolicy.from(config);
        timestamps = new RecordTimestamps(config.timestampField(), clock);
        store = storeFactory.apply(config);
        log.info("S3 sink task writing to {} (flush.size={}, rotate.interval.ms={}, rotate.schedule.interval.ms={})",
                store.location(config.topicsDir()), rotation.flushSize(), rotation.recordIntervalMs(),
                rotation.scheduleIntervalMs());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            buffer(record);
        }
        rotateAndUpload();
    }

    private void buffer(SinkRecord record) {
        TopicPartition partition = originalPartition(record);
        long offset = record.originalKafkaOffset();
        PartitionWriter writer = writers.computeIfAbsent(partition, this::newWriter);
        if (writer.alreadySeen(offset)) {
            return;
        }
        byte[] line;
        try {
            line = JsonLines.toLine(record.value(), "writing NDJSON to S3");
        } catch (DataException e) {
            throw new DataException("Cannot write the record at " + partition + " offset " + offset + ": " + e.getMessage(), e);
        }
        if (line == null) {
            if (config.nullValueBehavior() == NullValueBehavior.FAIL) {
                throw new DataException("Null or empty value at " + partition + " offset " + offset + " and "
                        + S3SinkConnectorConfig.BEHAVIOR_ON_NULL_VALUES + "=fail");
            }
            writer.skip(offset);
            return;
        }
        writer.write(offset, timestamps.of(record), line, clock.millis());
    }

    /** Seals batches due by wall clock and uploads every sealed batch; data stays buffered on failure. */
    private void rotateAndUpload() {
        long now = clock.millis();
        for (PartitionWriter writer : writers.values()) {
            writer.rotateIfScheduled(now);
        }
        for (PartitionWriter writer : writers.values()) {
            try {
                writer.uploadSealed(store);
            } catch (RetriableException e) {
                context.timeout(config.retryBackoffMs());
                throw e;
            }
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            rotateAndUpload();
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

    /** Drops the buffers of the revoked partitions only; their records are read again from the committed offset. */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionWriter dropped = writers.remove(partition);
            if (dropped != null && dropped.bufferedRecords() > 0) {
                log.info("Dropped {} buffered records of revoked {}", dropped.bufferedRecords(), partition);
            }
        }
    }

    @Override
    public void stop() {
        writers.clear();
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private PartitionWriter newWriter(TopicPartition partition) {
        return new PartitionWriter(partition, keys, config.compressionType(), rotation);
    }

    private static TopicPartition originalPartition(SinkRecord record) {
        Integer partition = record.originalKafkaPartition();
        return new TopicPartition(record.originalTopic(), partition != null ? partition : record.kafkaPartition());
    }
}
