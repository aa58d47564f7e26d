package org.egov.telemetry.es;

import org.apache.kafka.connect.errors.ConnectException;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: retry n waits between half and all of {@code min(max, base * 2^(n-1))}. */
final class Backoff {

    private final long baseMs;
    private final long maxMs;

    Backoff(long baseMs, long maxMs) {
        this.baseMs = baseMs;
        this.maxMs = Math.max(baseMs, maxMs);
    }

    long delayMs(int retry) {
        long ceiling = Math.min(maxMs, baseMs << Math.min(Math.max(retry - 1, 0), 30));
        return ceiling <= 1 ? ceiling : ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    /** @throws ConnectException when interrupted (the task is stopping) */
    void sleep(int retry) {
        try {
            Thread.sleep(delayMs(retry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting to retry a bulk request", e);
        }
    }
}
