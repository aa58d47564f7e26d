package org.egov.telemetry.dedup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;

/**
 * Keys remembered for a time window in this task's memory, at most {@code maxEntries} of them (the oldest
 * are forgotten first when the bound is reached). Not shared between tasks or workers.
 */
final class MemoryDedupStore implements SeenStore {

    private final Cache<String, String> seen;

    MemoryDedupStore(long maxEntries, Duration window, Ticker ticker) {
        this.seen = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(window)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public String putIfAbsent(String key, String origin) {
        return seen.asMap().putIfAbsent(key, origin);
    }

    @Override
    public void close() {
        seen.invalidateAll();
    }
}
