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

    /** Takes one batch and {@code initialBytes}; null when that would exceed a bound. */
    synchronized Reservation tryReserve(long initialBytes) {
        if (batches + 1 > maxBatches || bytes + initialBytes > maxBytes) {
            return null;
        }
        batches++;
        bytes += initialBytes;
        return new Reservation(initialBytes);
    }

    synchronized int batches() {
        return batches;
    }

    synchronized long bytes() {
        return bytes;
    }

    private synchronized boolean tryAdd(long delta) {
        if (delta > 0 && bytes + delta > maxBytes) {
            return false;
        }
        bytes += delta;
        return true;
    }

    private synchronized void giveBack(long reserved) {
        batches--;
        bytes -= reserved;
    }

    /** What one request holds; grows while its body is read, shrinks to the body's size, released once. */
    final class Reservation {
        private long reserved;
        private boolean released;

        private Reservation(long reserved) {
            this.reserved = reserved;
        }

        long bytes() {
            return reserved;
        }

        /** Makes room for {@code total} bytes; false when the budget has none left. */
        boolean growTo(long total) {
            if (total <= reserved) {
                return true;
            }
            if (!tryAdd(total - reserved)) {
                return false;
            }
            reserved = total;
            return true;
        }

        /** Holds exactly {@code actual} bytes from now on (what the parsed batch keeps). */
        void resizeTo(long actual) {
            tryAdd(actual - reserved);
            reserved = actual;
        }

        void release() {
            if (!released) {
                released = true;
                giveBack(reserved);
            }
        }
    }
}
