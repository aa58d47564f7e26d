package org.egov.telemetry.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-over between HTTP threads (producers) and Connect's poll thread (consumer). Bounded: when it is
 * full a request is refused rather than the worker's heap growing.
 */
final class IngestQueue {

    private final String topic;
    private final Map<String, ?> sourcePartition;
    private final BlockingQueue<BatchRecord> queue;

    IngestQueue(String topic, String taskId, int capacity) {
        this.topic = topic;
        this.sourcePartition = Map.of("http.task", taskId);
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    /** @return the queued record, whose {@code written()} future completes once Connect wrote it; null when full */
    BatchRecord offer(String key, Map<String, Object> batch, long syncts) {
        BatchRecord record = new BatchRecord(sourcePartition, Map.of("syncts", syncts), topic, key, batch, syncts);
        return queue.offer(record) ? record : null;
    }

    /** Waits up to {@code waitMs} for the first batch, then takes what is there, at most {@code max}. */
    List<BatchRecord> drain(int max, long waitMs) throws InterruptedException {
        BatchRecord first = queue.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<BatchRecord> out = new ArrayList<>(Math.min(max, queue.size() + 1));
        out.add(first);
        queue.drainTo(out, max - 1);
        return out;
    }

    /** Removes everything still queued, e.g. on stop, so the waiting clients can be told to retry. */
    List<BatchRecord> clear() {
        List<BatchRecord> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }
}
