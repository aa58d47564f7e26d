package org.egov.telemetry.replay;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aSecondsWorthGoesAtOnceThenTheDebtIsWaitedOff() {
        RateLimit limit = new RateLimit(100, nanos::get);
        assertThat(limit.waitMillis()).isZero();
        limit.take(150);
        assertThat(limit.waitMillis()).isEqualTo(510);
        nanos.addAndGet(500_000_000L);
        assertThat(limit.waitMillis()).isEqualTo(10);
        nanos.addAndGet(20_000_000L);
        assertThat(limit.waitMillis()).isZero();
    }

    @Test
    void anIdleBucketHoldsNoMoreThanOneSecond() {
        RateLimit limit = new RateLimit(100, nanos::get);
        nanos.addAndGet(60_000_000_000L);
        limit.take(100);
        assertThat(limit.waitMillis()).isEqualTo(10);
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimit limit = new RateLimit(0, nanos::get);
        limit.take(1_000_000);
        assertThat(limit.waitMillis()).isZero();
    }
}
