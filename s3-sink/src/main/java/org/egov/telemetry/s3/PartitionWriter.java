package org.egov.telemetry.s3;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The buffered records of one (original) topic partition. Records go into a batch, one file per dt= folder;
 * when the rotation policy says so the batch is sealed, and sealed batches are uploaded in order. A batch
 * counts as durable only when all its files are uploaded, so the committable offset is always the first
 * offset of a batch: a replay starts at a batch boundary and rewrites the same objects.
 */
final class PartitionWriter {

    private static final Logger log = LoggerFactory.getLogger(PartitionWriter.class);

    private final TopicPartition partition;
    private final ObjectKeys keys;
    private final CompressionType compression;
    private final RotationPolicy rotation;

    private Batch open;
    private final Deque<Batch> sealed = new ArrayDeque<>();
    /** Offsets below this were already seen (Connect re-delivers a batch after a retriable failure). */
    private long nextOffset = -1;
    /** Highest offset uploaded or deliberately skipped; -1 when none yet. */
    private long highestDone = -1;

    PartitionWriter(TopicPartition partition, ObjectKeys keys, CompressionType compression, RotationPolicy rotation) {
        this.partition = partition;
        this.keys = keys;
        this.compression = compression;
        this.rotation = rotation;
    }

    boolean alreadySeen(long offset) {
        return nextOffset >= 0 && offset < nextOffset;
    }

    /** Buffers one NDJSON line; rotates before or after it as the policy says. */
    void write(long offset, long timestamp, byte[] line, long nowMillis) {
        if (open != null && (rotation.isScheduleDue(open.openedAtMillis, nowMillis)
                || rotation.isRecordTimeDue(open.firstTimestamp, timestamp))) {
            seal();
        }
        if (open == null) {
            open = new Batch(offset, timestamp, nowMillis);
        }
        open.add(offset, keys.dateFolder(timestamp), line);
        nextOffset = offset + 1;
        if (rotation.isFull(open.recordCount)) {
            seal();
        }
    }

    /** Records a skipped record (e.g. a null value) as handled. */
    void skip(long offset) {
        nextOffset = offset + 1;
        highestDone = Math.max(highestDone, offset);
    }

    /** Seals the open batch if it has been open for the schedule interval. */
    void rotateIfScheduled(long nowMillis) {
        if (open != null && rotation.isScheduleDue(open.openedAtMillis, nowMillis)) {
            seal();
        }
    }

    private void seal() {
        sealed.addLast(open);
        open = null;
    }

    /**
     * Uploads sealed batches, oldest first. On failure the failed file and everything after it stay buffered
     * and the exception propagates; files uploaded before it are not uploaded again.
     */
    void uploadSealed(ObjectStore store) {
        while (!sealed.isEmpty()) {
            Batch batch = sealed.peekFirst();
            for (Iterator<ObjectBuffer> files = batch.files.values().iterator(); files.hasNext(); ) {
                ObjectBuffer file = files.next();
                byte[] content = file.content();
                store.put(file.key(), content, compression.contentType());
                log.info("Uploaded {} records of {} ({} bytes) to {}",
                        file.recordCount(), partition, content.length, store.location(file.key()));
                files.remove();
            }
            highestDone = Math.max(highestDone, batch.lastOffset);
            sealed.removeFirst();
        }
    }

    /**
     * The offset Connect may commit: the first offset of the oldest batch not fully uploaded, else the offset
     * after the highest one handled; empty while nothing is uploaded or skipped yet.
     */
    OptionalLong committableOffset() {
        if (highestDone < 0) {
            return OptionalLong.empty();
        }
        Batch oldest = !sealed.isEmpty() ? sealed.peekFirst() : open;
        return OptionalLong.of(oldest != null ? oldest.firstOffset : highestDone + 1);
    }

    int bufferedRecords() {
        int count = open == null ? 0 : open.recordCount;
        for (Batch batch : sealed) {
            count += batch.recordCount;
        }
        return count;
    }

    boolean hasSealedBatches() {
        return !sealed.isEmpty();
    }

    /** The records of a partition between two rotations, one file per dt= folder. */
    private final class Batch {
        final long firstOffset;
        final long firstTimestamp;
        final long openedAtMillis;
        final Map<String, ObjectBuffer> files = new LinkedHashMap<>();
        long lastOffset;
        int recordCount;

        Batch(long firstOffset, long firstTimestamp, long openedAtMillis) {
            this.firstOffset = firstOffset;
            this.firstTimestamp = firstTimestamp;
            this.openedAtMillis = openedAtMillis;
        }

        void add(long offset, String dateFolder, byte[] line) {
            files.computeIfAbsent(dateFolder, dt -> new ObjectBuffer(
                            keys.key(partition.topic(), partition.partition(), dt, offset), offset, compression))
                    .append(line);
            lastOffset = offset;
            recordCount++;
        }
    }
}
