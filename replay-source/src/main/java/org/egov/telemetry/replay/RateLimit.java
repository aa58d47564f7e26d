package org.egov.telemetry.replay;

import java.util.function.LongSupplier;

/**
 * Events per second as a token bucket holding at most one second's worth. A take may go into debt (a batch larger
 * than what is left), which the next takes wait off.
 */
final class RateLimit {

    private final int perSecond;
    private final LongSupplier nanoTime;
    private double available;
    private long last;

    /** @param perSecond 0 for no limit */
    RateLimit(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.available = perSecond;
        this.last = nanoTime.getAsLong();
    }

    /** How long to wait before the next take, in milliseconds; 0 when it may go now. */
    long waitMillis() {
        if (perSecond == 0) {
            return 0;
        }
        refill();
        return available > 0 ? 0 : (long) Math.ceil((1 - available) * 1000.0 / perSecond);
    }

    void take(int events) {
        if (perSecond != 0) {
            refill();
            available -= events;
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        available = Math.min(perSecond, available + (now - last) * perSecond / 1e9);
        last = now;
    }
}
