package org.egov.telemetry.s3;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** Queues uploads until the test runs them, as a busy upload thread would. */
final class ManualExecutorService extends AbstractExecutorService {

    private final Queue<Runnable> queued = new ArrayDeque<>();
    private boolean shutdown;

    @Override
    public void execute(Runnable command) {
        queued.add(command);
    }

    /** Runs the queued uploads on the calling thread. */
    void runQueued() {
        for (Runnable next = queued.poll(); next != null; next = queued.poll()) {
            next.run();
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
