package org.egov.telemetry.es;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Buffers actions and sends them as bulk requests on background threads, at most {@code max.in.flight.requests}
 * at a time. A batch goes out when it holds {@code batch.size} actions or {@code bulk.size.bytes}, when its oldest
 * action has waited {@code linger.ms}, or on {@link #sendAll()}. Batches leave in buffer order, and a batch that
 * writes a document an in-flight batch also writes waits for it, so writes to one id are never reordered.
 *
 * <p>The task thread buffers actions and settles outcomes: the background threads run {@link BulkSender#send},
 * queue the outcome, which {@link #drain} hands to the task thread's callback, and start the next full batch in the
 * request slot they free. So a backlog keeps every slot busy however seldom the worker calls the task (a paused
 * consumer comes back only when its poll times out). Buffer and slots are guarded by this object's lock.
 */
final class BulkProcessor implements AutoCloseable {

    /** A batch and how it ended. */
    record Completed(List<BulkAction> batch, BulkSender.Outcome outcome) {
    }

    private record Entry(BulkAction action, long at) {
    }

    private final BulkSender sender;
    private final LongSupplier clock;
    private final int batchSize;
    private final long bulkSizeBytes;
    private final long lingerMs;
    private final int maxInFlight;
    private final ExecutorService executor;
    private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
    private final Queue<Completed> completed = new ConcurrentLinkedQueue<>();
    private final Map<BulkAction.Target, Integer> inFlightTargets = new HashMap<>();
    private long bufferedBytes;
    private int inFlightBatches;
    private int inFlightActions;
    /** Set once a bulk request failed outright: no further batch starts; the task fails at its next put. */
    private boolean halted;

    BulkProcessor(BulkSender sender, ElasticsearchSinkConnectorConfig config, LongSupplier clock, String threadPrefix) {
        this.sender = sender;
        this.clock = clock;
        this.batchSize = config.bulk().batchSize();
        this.bulkSizeBytes = config.bulk().bulkSizeBytes();
        this.lingerMs = config.bulk().lingerMs();
        this.maxInFlight = config.bulk().maxInFlightRequests();
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(maxInFlight, maxInFlight, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, threadPrefix + "-bulk-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    synchronized void add(BulkAction action) {
        buffer.add(new Entry(action, clock.getAsLong()));
        bufferedBytes += action.sizeInBytes();
    }

    /** Sends the batches that are due (full, or lingered long enough) while request slots are free. */
    void sendDue() {
        send(false);
    }

    /** Sends every buffered action while request slots are free, full batch or not. */
    void sendAll() {
        send(true);
    }

    /** Hands each batch finished since the last call to {@code onCompleted}, on the calling thread. */
    void drain(Consumer<Completed> onCompleted) {
        Completed done;
        while ((done = completed.poll()) != null) {
            onCompleted.accept(done);
        }
    }

    /** Actions buffered or in flight. */
    synchronized int outstanding() {
        return buffer.size() + inFlightActions;
    }

    synchronized boolean hasBuffered() {
        return !buffer.isEmpty();
    }

    /**
     * Whether a batch is still in flight. Once this answers false, every finished batch is queued for the next
     * {@link #drain}.
     */
    synchronized boolean hasInFlight() {
        return inFlightBatches > 0;
    }

    /** Milliseconds until the oldest buffered action has lingered long enough; 0 when it has. */
    synchronized long lingerRemainingMs() {
        Entry head = buffer.peek();
        return head == null ? Long.MAX_VALUE : Math.max(0, head.at() + lingerMs - clock.getAsLong());
    }

    /** Drops the buffered actions of {@code partitions}; in-flight ones still finish. */
    synchronized int dropBuffered(Collection<TopicPartition> partitions) {
        Set<TopicPartition> revoked = Set.copyOf(partitions);
        int before = buffer.size();
        buffer.removeIf(entry -> {
            boolean drop = revoked.contains(entry.action().partition());
            if (drop) {
                bufferedBytes -= entry.action().sizeInBytes();
            }
            return drop;
        });
        return before - buffer.size();
    }

    /**
     * Waits up to {@code timeoutMs} for the in-flight batches, handing each to {@code onCompleted}.
     *
     * @return whether none is left in flight
     */
    boolean awaitInFlight(long timeoutMs, Consumer<Completed> onCompleted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        boolean inFlight = hasInFlight();
        while (inFlight && System.nanoTime() < deadline) {
            drain(onCompleted);
            Thread.sleep(10);
            inFlight = hasInFlight();
        }
        drain(onCompleted);
        return !inFlight;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private synchronized void send(boolean all) {
        while (!buffer.isEmpty() && inFlightBatches < maxInFlight && !halted) {
            boolean full = buffer.size() >= batchSize || bufferedBytes >= bulkSizeBytes;
            if (!all && !full && lingerRemainingMs() > 0) {
                return;
            }
            List<BulkAction> batch = nextBatch();
            if (batch == null) {
                return;                               // its head writes a document still in flight: wait for it
            }
            inFlightBatches++;
            inFlightActions += batch.size();
            for (BulkAction action : batch) {
                inFlightTargets.merge(action.target(), 1, Integer::sum);
            }
            try {
                executor.execute(() -> finish(batch, sendSafely(batch)));
            } catch (RejectedExecutionException closed) {
                release(batch);
                return;
            }
        }
    }

    /** On a background thread: queues the outcome, frees the request slot and fills it with the next due batch. */
    private void finish(List<BulkAction> batch, BulkSender.Outcome outcome) {
        completed.add(new Completed(batch, outcome));
        synchronized (this) {
            release(batch);
            if (outcome.failure() != null) {
                halted = true;
            }
            send(false);
        }
    }

    private synchronized void release(List<BulkAction> batch) {
        inFlightBatches--;
        inFlightActions -= batch.size();
        for (BulkAction action : batch) {
            inFlightTargets.computeIfPresent(action.target(), (target, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Takes the head of the buffer up to the batch limits; null when its first action must wait. */
    private List<BulkAction> nextBatch() {
        List<BulkAction> batch = new ArrayList<>(Math.min(batchSize, buffer.size()));
        long bytes = 0;
        while (!buffer.isEmpty() && batch.size() < batchSize) {
            BulkAction action = buffer.peek().action();
            if (action.sends() && inFlightTargets.containsKey(action.target())) {
                break;
            }
            if (!batch.isEmpty() && bytes + action.sizeInBytes() > bulkSizeBytes) {
                break;
            }
            buffer.poll();
            bytes += action.sizeInBytes();
            bufferedBytes -= action.sizeInBytes();
            batch.add(action);
        }
        return batch.isEmpty() ? null : batch;
    }

    private BulkSender.Outcome sendSafely(List<BulkAction> batch) {
        try {
            return sender.send(batch);
        } catch (RuntimeException e) {
            ConnectException failure = e instanceof ConnectException c ? c
                    : new ConnectException("Bulk request failed: " + e, e);
            BulkSender.Status[] status = new BulkSender.Status[batch.size()];
            Arrays.fill(status, BulkSender.Status.UNSETTLED);
            return new BulkSender.Outcome(status, new String[batch.size()], failure);
        }
    }
}
