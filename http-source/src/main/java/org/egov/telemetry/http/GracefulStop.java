package org.egov.telemetry.http;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops one task's listener so that every request it holds gets an answer: batches Connect has not taken are
 * answered 503 at once, batches it took get 200 once Kafka confirms them or 503 after {@code stop.timeout.ms}.
 *
 * <p>It runs once, on whichever comes first: the task's {@code stop()}, or the JVM's exit. Connect calls a source
 * task's {@code stop()} on the task's own thread, after its last transaction; while Kafka is away that thread waits
 * in the commit until the worker gives up on it, and the worker's process may exit right after. The exit hook,
 * registered until the stop is over, starts the stop or waits for the one under way, and the JVM waits for it.
 */
final class GracefulStop {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final String taskId;
    private final IngestQueue queue;
    private final IngestServer server;
    private final InflightBudget budget;
    private final long stopTimeoutMs;
    private final AtomicBoolean begun = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread exitHook;

    GracefulStop(String taskId, IngestQueue queue, IngestServer server, InflightBudget budget, long stopTimeoutMs) {
        this.taskId = taskId;
        this.queue = queue;
        this.server = server;
        this.budget = budget;
        this.stopTimeoutMs = stopTimeoutMs;
        this.exitHook = new Thread(this::run, "telemetry-http-" + taskId + "-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    boolean begun() {
        return begun.get();
    }

    /**
     * For the task's stop(): new batches and health checks are refused before it returns; the listener drains in
     * the background, so Connect's thread goes on.
     */
    void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        refuseNew();
        Thread stopper = new Thread(this::drain, "telemetry-http-" + taskId + "-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** The exit hook: stops, or waits for the stop already under way, so the JVM does not end it half-way. */
    private void run() {
        if (!begun.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        refuseNew();
        drain();
    }

    private void refuseNew() {
        for (BatchRecord left : queue.close()) {
            left.written().completeExceptionally(new ConnectException("the task is stopping"));
        }
    }

    private void drain() {
        try {
            server.stopGracefully(budget::batches, stopTimeoutMs, this::abandonUnconfirmed);
        } finally {
            stopped.countDown();
            if (Thread.currentThread() != exitHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(exitHook);
                } catch (IllegalStateException exiting) {
                    // the JVM is exiting: the hook runs and returns at once
                }
            }
        }
    }

    private void awaitStopped() {
        try {
            stopped.await(stopTimeoutMs + IngestServer.ANSWER_GRACE_MS + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void abandonUnconfirmed() {
        List<BatchRecord> unconfirmed = queue.unconfirmed();
        if (!unconfirmed.isEmpty()) {
            log.warn("{}: Kafka did not confirm {} batches within {} ms of the stop; their clients are answered 503 "
                    + "and send them again", taskId, unconfirmed.size(), stopTimeoutMs);
            unconfirmed.forEach(BatchRecord::abandon);
        }
    }
}
