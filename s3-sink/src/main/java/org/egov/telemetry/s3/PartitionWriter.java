package org.egov.telemetry.s3;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * The buffered records of one original topic partition. Records go into a batch (an offset range), one file
 * per folder; when the rotation policy says so the batch is sealed, and sealed batches are uploaded in order,
 * one at a time, on an upload thread ({@link BatchUpload}) while the task thread goes on buffering. A batch counts
 * as durable only when all its files are uploaded, so the committable offset is always the first offset of a
 * batch: a replay starts at a batch boundary. Every method runs on the task thread.
 *
 * <p>Every object carries its batch's first and last offset as metadata. After the writer is created (task
 * start or partition assignment), each new batch first looks for an object already named after its first
 * record; when one exists, an earlier attempt uploaded that batch, and this batch ends at the same offset, so
 * a replay rewrites the same objects with the same contents even when the earlier cut was made by the wall
 * clock or the memory cap. The first batch with no such object ends the recovery.
 */
final class PartitionWriter {

    static final String FIRST_OFFSET = "kafka-first-offset";
    static final String LAST_OFFSET = "kafka-last-offset";

    private static final Logger log = LoggerFactory.getLogger(PartitionWriter.class);

    private final TopicPartition partition;
    private final ObjectKeys keys;
    private final CompressionType compression;
    private final int compressionLevel;
    private final RotationPolicy rotation;
    private final ObjectStore store;
    private final BufferBudget budget;
    private final Executor uploadExecutor;
    private final S3SinkMetrics metrics;

    private Batch open;
    private final Deque<Batch> sealed = new ArrayDeque<>();
    /** The upload of the oldest sealed batch while it runs or until its outcome is taken; else null. */
    private BatchUpload upload;
    private boolean recovering = true;
    /** Offsets below this were already seen (Connect re-delivers a batch after a retriable failure). */
    private long nextOffset = -1;
    /** Highest offset uploaded or deliberately skipped; -1 when none yet. */
    private long highestDone = -1;
    private long lastAppendMillis;
    private long retainedBytes;

    PartitionWriter(TopicPartition partition, ObjectKeys keys, CompressionType compression, int compressionLevel,
                    RotationPolicy rotation, ObjectStore store, BufferBudget budget, Executor uploadExecutor,
                    S3SinkMetrics metrics) {
        this.partition = partition;
        this.keys = keys;
        this.compression = compression;
        this.compressionLevel = compressionLevel;
        this.rotation = rotation;
        this.store = store;
        this.budget = budget;
        this.uploadExecutor = uploadExecutor;
        this.metrics = metrics;
    }

    private void account(long delta) {
        retainedBytes += delta;
        budget.add(delta);
    }

    boolean alreadySeen(long offset) {
        return nextOffset >= 0 && offset < nextOffset;
    }

    /**
     * Buffers one NDJSON line; rotates before or after it as the policy says.
     *
     * @param topic the record's topic, which names the folder
     */
    void write(long offset, String topic, String folder, long timestamp, byte[] line, long nowMillis) {
        if (open != null && (open.recoveredLastOffset >= 0 ? offset > open.recoveredLastOffset
                : isTimeDue(nowMillis) || rotation.isRecordTimeDue(open.firstTimestamp, timestamp))) {
            seal();
        }
        if (open == null) {
            long recoveredLast = recovering ? recoveredLastOffset(keys.key(topic, folder, partition.topic(),
                    partition.partition(), offset), offset) : -1;
            open = new Batch(offset, timestamp, nowMillis, recoveredLast);
        }
        long before = open.retainedBytes();
        long largest = open.add(offset, topic, folder, line);
        account(open.retainedBytes() - before);
        nextOffset = offset + 1;
        lastAppendMillis = nowMillis;
        if (open.recoveredLastOffset >= 0 ? offset >= open.recoveredLastOffset : rotation.isFull(open.recordCount, largest)) {
            seal();
        }
    }

    private long recoveredLastOffset(String key, long firstOffset) {
        Optional<Map<String, String>> existing = store.metadata(key);
        if (existing.isPresent() && Long.toString(firstOffset).equals(existing.get().get(FIRST_OFFSET))) {
            try {
                long last = Long.parseLong(existing.get().get(LAST_OFFSET));
                log.info("{} already holds offsets {} to {} of {}; writing the same range again",
                        store.location(key), firstOffset, last, partition);
                return last;
            } catch (NumberFormatException e) {
                log.warn("{} has no readable {} metadata; starting a new range", store.location(key), LAST_OFFSET);
            }
        }
        recovering = false;
        return -1;
    }

    /** Records a skipped record (a null value, or one sent to the dead letter queue) as handled. */
    void skip(long offset) {
        nextOffset = offset + 1;
        highestDone = Math.max(highestDone, offset);
    }

    /** Seals the open batch if the wall clock says so (schedule or idle); not while re-cutting an earlier range. */
    void rotateIfDue(long nowMillis) {
        if (open != null && open.recoveredLastOffset < 0 && isTimeDue(nowMillis)) {
            seal();
        }
    }

    private boolean isTimeDue(long nowMillis) {
        return nowMillis >= open.scheduledRotation || rotation.isIdle(lastAppendMillis, nowMillis);
    }

    /** Seals the open batch now, e.g. because the task holds too much. */
    void sealOpen() {
        if (open != null) {
            seal();
        }
    }

    private void seal() {
        long before = open.retainedBytes();
        for (OutputFile file : open.files.values()) {
            file.finish();
        }
        account(open.retainedBytes() - before);
        sealed.addLast(open);
        open = null;
    }

    /**
     * Takes the outcome of a finished upload and starts uploading the oldest sealed batch, without waiting for
     * it. On failure the failed file and those after it stay buffered, files uploaded before it are not uploaded
     * again, and the next call starts the batch's upload again.
     *
     * @return the failure of the upload that finished, or null
     */
    ConnectException advanceUploads() {
        while (true) {
            if (upload != null) {
                if (!upload.isDone()) {
                    return null;
                }
                ConnectException failure = takeUploadOutcome();
                if (failure != null) {
                    return failure;
                }
            }
            if (sealed.isEmpty()) {
                return null;
            }
            Batch batch = sealed.peekFirst();
            if (batch.uploadAttempts > 0) {
                metrics.retry(); // an earlier attempt failed: the batch would be gone otherwise
            }
            batch.uploadAttempts++;
            upload = new BatchUpload(partition, batch.lastOffset, new ArrayList<>(batch.files.values()), store,
                    compression.contentType(), Map.of(FIRST_OFFSET, Long.toString(batch.firstOffset),
                            LAST_OFFSET, Long.toString(batch.lastOffset)), metrics);
            uploadExecutor.execute(upload);
        }
    }

    private ConnectException takeUploadOutcome() {
        Batch batch = sealed.peekFirst();
        Iterator<OutputFile> files = batch.files.values().iterator();
        for (int i = upload.uploadedFiles(); i > 0; i--) {
            account(-files.next().retainedBytes());
            files.remove();
        }
        ConnectException failure = upload.failure();
        upload = null;
        if (failure == null) {
            highestDone = Math.max(highestDone, batch.lastOffset);
            sealed.removeFirst();
        }
        return failure;
    }

    boolean isUploading() {
        return upload != null;
    }

    /** Blocks until the running upload, if any, has ended; {@link #advanceUploads()} then takes its outcome. */
    void awaitUpload() {
        if (upload != null) {
            upload.await();
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

    /** Heap held by all buffered files of this partition. */
    long retainedBytes() {
        return retainedBytes;
    }

    /** Heap held by the open batch, which {@link #sealOpen()} would make uploadable. */
    long openRetainedBytes() {
        return open == null ? 0 : open.retainedBytes();
    }

    int bufferedRecords() {
        int count = open == null ? 0 : open.recordCount;
        for (Batch batch : sealed) {
            count += batch.recordCount;
        }
        return count;
    }

    /**
     * Drops every buffer (the partition was revoked or the task stops); releases the compressors. An upload that
     * has started is waited for, so that no request for this partition is left running.
     */
    void discard() {
        if (upload != null) {
            upload.cancelOrAwait();
            upload = null;
        }
        if (open != null) {
            seal();
        }
        sealed.clear();
        account(-retainedBytes);
    }

    /** The records of a partition between two rotations, one file per folder. */
    private final class Batch {
        final long firstOffset;
        final long firstTimestamp;
        final long scheduledRotation;
        /** When re-cutting a range an earlier attempt uploaded, its last offset; else -1. */
        final long recoveredLastOffset;
        final Map<String, OutputFile> files = new LinkedHashMap<>();
        long lastOffset;
        int recordCount;
        /** Uploads of this batch started so far; more than one means retries. */
        int uploadAttempts;

        Batch(long firstOffset, long firstTimestamp, long openedAtMillis, long recoveredLastOffset) {
            this.firstOffset = firstOffset;
            this.firstTimestamp = firstTimestamp;
            this.scheduledRotation = rotation.scheduledRotation(openedAtMillis);
            this.recoveredLastOffset = recoveredLastOffset;
        }

        /** @return the uncompressed size of the file the line went to */
        long add(long offset, String topic, String folder, byte[] line) {
            OutputFile file = files.computeIfAbsent(topic + "/" + folder, dir -> new OutputFile(
                    keys.key(topic, folder, partition.topic(), partition.partition(), offset), offset,
                    compression, compressionLevel));
            file.append(line);
            lastOffset = offset;
            recordCount++;
            return file.uncompressedBytes();
        }

        long retainedBytes() {
            long sum = 0;
            for (OutputFile file : files.values()) {
                sum += file.retainedBytes();
            }
            return sum;
        }
    }
}
