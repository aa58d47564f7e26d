package org.egov.telemetry.http;

/**
 * Bounds what the task holds for clients at one time: batches being received or waiting for Kafka, and
 * their bytes. A request that does not fit is refused (503) instead of the worker's heap growing.
 */
final class InflightBudget {

    private final int maxBatches;
    private final long maxBytes;
    private int batches;
    private long bytes;

    InflightBudget(int maxBatches, long maxBytes) {
        this.maxBatches = maxBatches;
        this.maxBytes = maxBytes;
    }

    /** Takes one batch of at most {@code reserveBytes}; false when that would exceed a bound. */
    synchronized boolean tryAcquire(long reserveBytes) {
        if (batches + 1 > maxBatches || bytes + reserveBytes > maxBytes) {
            return false;
        }
        batches++;
        bytes += reserveBytes;
        return true;
    }

    /** Gives back what a read body did not need: {@code reserved - actual} bytes. */
    synchronized void shrink(long reserved, long actual) {
        bytes -= Math.max(0, reserved - actual);
    }

    synchronized void release(long reservedBytes) {
        batches--;
        bytes -= reservedBytes;
    }

    synchronized int batches() {
        return batches;
    }

    synchronized long bytes() {
        return bytes;
    }
}
