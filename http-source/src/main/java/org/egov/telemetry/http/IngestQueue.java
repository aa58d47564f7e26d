package org.egov.telemetry.http;

import org.apache.kafka.connect.header.Headers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-over between HTTP threads (producers) and Connect's poll thread (consumer). Its size is bounded
 * by the {@link InflightBudget} the handler takes before offering; once closed it takes nothing more.
 */
final class IngestQueue {

    private final String topic;
    private final Map<String, ?> sourcePartition;
    private final BlockingQueue<BatchRecord> queue = new LinkedBlockingQueue<>();
    private final Set<BatchRecord> taken = ConcurrentHashMap.newKeySet();
    private boolean closed;

    IngestQueue(String topic, String taskId) {
        this.topic = topic;
        this.sourcePartition = Map.of("http.task", taskId);
    }

    /** @return the queued record, whose {@code written()} completes once Connect wrote it; null once closed */
    synchronized BatchRecord offer(String key, Map<String, Object> batch, long syncts, Headers headers) {
        if (closed) {
            return null;
        }
        BatchRecord record = new BatchRecord(sourcePartition, Map.of("syncts", syncts), topic, key, batch, syncts,
                headers);
        queue.add(record);
        return record;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Takes back a batch Connect has not taken yet; false when it already has. */
    boolean withdraw(BatchRecord record) {
        return queue.remove(record);
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
        for (BatchRecord record : out) {
            taken.add(record);
            record.written().whenComplete((ok, failure) -> taken.remove(record));
        }
        return out;
    }

    /** The batches Connect has taken and not yet confirmed as written. */
    List<BatchRecord> unconfirmed() {
        return new ArrayList<>(taken);
    }

    /** Takes nothing more and returns what was still waiting, so those clients can be told to retry. */
    synchronized List<BatchRecord> close() {
        closed = true;
        List<BatchRecord> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }
}
