package org.egov.telemetry.s3;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The upload of one sealed batch's files, in order, on an upload thread. The task thread starts it, polls or
 * waits for its end and then takes the outcome; meanwhile it does not touch the files, which are finished.
 */
final class BatchUpload implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(BatchUpload.class);

    private final TopicPartition partition;
    private final long lastOffset;
    private final List<OutputFile> files;
    private final ObjectStore store;
    private final String contentType;
    private final Map<String, String> metadata;
    private final S3SinkMetrics metrics;
    /** Set by the thread that runs the upload, or by {@link #cancelOrAwait()} before one does. */
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private volatile int uploadedFiles;

    BatchUpload(TopicPartition partition, long lastOffset, List<OutputFile> files, ObjectStore store,
                String contentType, Map<String, String> metadata, S3SinkMetrics metrics) {
        this.partition = partition;
        this.lastOffset = lastOffset;
        this.files = List.copyOf(files);
        this.store = store;
        this.contentType = contentType;
        this.metadata = metadata;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        if (!claimed.compareAndSet(false, true)) {
            return; // cancelled before it started
        }
        try {
            for (OutputFile file : files) {
                ChunkedBuffer content = file.content();
                long started = System.nanoTime();
                store.put(file.key(), content, contentType, metadata);
                metrics.uploaded(file.recordCount(), content.size(), System.nanoTime() - started);
                log.info("Uploaded offsets {} to {} of {} ({} records, {} bytes) to {}", file.startOffset(),
                        lastOffset, partition, file.recordCount(), content.size(), store.location(file.key()));
                uploadedFiles++;
            }
            outcome.complete(null);
        } catch (Throwable e) {
            metrics.failure();
            outcome.completeExceptionally(e);
        }
    }

    boolean isDone() {
        return outcome.isDone();
    }

    /** Blocks until the upload has ended, successfully or not. */
    void await() {
        try {
            outcome.get();
        } catch (ExecutionException e) {
            // taken by failure()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for the upload of " + partition, e);
        }
    }

    /** Keeps the upload from starting if it has not; otherwise waits for its end. No request of it runs after this. */
    void cancelOrAwait() {
        if (claimed.compareAndSet(false, true)) {
            outcome.cancel(false);
        } else {
            await();
        }
    }

    /** How many files, from the first, are uploaded; final once {@link #isDone()}. */
    int uploadedFiles() {
        return uploadedFiles;
    }

    /** Once done: null when every file is uploaded, else why not (as the store reported it when it could). */
    ConnectException failure() {
        if (!outcome.isCompletedExceptionally()) {
            return null;
        }
        try {
            outcome.join();
            return null;
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            return cause instanceof ConnectException connect ? connect
                    : new ConnectException("Upload of offsets up to " + lastOffset + " of " + partition + " failed", cause);
        } catch (CancellationException e) {
            return new ConnectException("Upload of offsets up to " + lastOffset + " of " + partition + " was cancelled", e);
        }
    }
}
