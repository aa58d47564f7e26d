package org.egov.telemetry.s3;

/** The heap all open files of one task hold together, against the cap {@code s3.buffer.max.bytes}. */
final class BufferBudget {

    private final long maxBytes;
    private long usedBytes;

    BufferBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void add(long delta) {
        usedBytes += delta;
    }

    boolean isExceeded() {
        return usedBytes > maxBytes;
    }

    long usedBytes() {
        return usedBytes;
    }

    long maxBytes() {
        return maxBytes;
    }
}
