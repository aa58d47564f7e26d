package org.egov.telemetry.s3;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs uploads on the test's own thread: {@link #direct()} at once, so that a test sees an upload finished when
 * the task call returns; {@link #queued()} only when the test calls {@link #runQueued()}, as a busy upload
 * thread would.
 */
final class CallingThreadExecutorService extends AbstractExecutorService {

    private final boolean direct;
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private volatile boolean shutdown;

    private CallingThreadExecutorService(boolean direct) {
        this.direct = direct;
    }

    static CallingThreadExecutorService direct() {
        return new CallingThreadExecutorService(true);
    }

    static CallingThreadExecutorService queued() {
        return new CallingThreadExecutorService(false);
    }

    @Override
    public void execute(Runnable command) {
        if (direct) {
            command.run();
        } else {
            queued.add(command);
        }
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
