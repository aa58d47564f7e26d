package org.egov.telemetry.dedup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keys remembered in Redis for a time window, shared by every task and connector that uses the same server
 * and key prefix. One atomic {@code SET key 1 NX PX window} both asks and records, so two tasks that see the
 * same key at the same time cannot both take it as new. The value is the origin of the record that stored it;
 * it is read back only for a duplicate.
 *
 * <p>When Redis fails, {@link #putIfAbsent} throws {@link StoreUnavailableException}, and for the backoff
 * that follows it throws at once instead of waiting for another timeout.
 */
final class RedisDedupStore implements SeenStore {

    private static final Logger log = LoggerFactory.getLogger(RedisDedupStore.class);

    private final UnifiedJedis redis;
    private final String address;
    private final String prefix;
    private final SetParams setIfAbsent;
    private final long backoffNanos;
    private final LongSupplier nanoClock;
    private boolean down;
    private long retryAtNanos;

    RedisDedupStore(UnifiedJedis redis, String address, String prefix, Duration window, Duration backoff,
                    LongSupplier nanoClock) {
        this.redis = redis;
        this.address = address;
        this.prefix = prefix;
        this.setIfAbsent = SetParams.setParams().nx().px(window.toMillis());
        this.backoffNanos = backoff.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public String putIfAbsent(String key, String origin) {
        if (down && nanoClock.getAsLong() - retryAtNanos < 0) {
            throw new StoreUnavailableException("Redis at " + address + " is unavailable (backing off)", null);
        }
        String stored;
        try {
            if ("OK".equals(redis.set(prefix + key, origin, setIfAbsent))) {
                stored = null;
            } else {
                String existing = redis.get(prefix + key);
                stored = existing == null ? "" : existing;   // expired in between: still taken as seen
            }
        } catch (JedisException e) {
            if (!down) {
                log.warn("Redis dedup store at {} failed: {}", address, e.getMessage());
            }
            down = true;
            retryAtNanos = nanoClock.getAsLong() + backoffNanos;
            throw new StoreUnavailableException("Redis at " + address + " failed: " + e.getMessage(), e);
        }
        if (down) {
            log.info("Redis dedup store at {} answers again", address);
            down = false;
        }
        return stored;
    }

    @Override
    public void close() {
        redis.close();
    }
}
