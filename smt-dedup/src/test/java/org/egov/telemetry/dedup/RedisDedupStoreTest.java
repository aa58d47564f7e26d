package org.egov.telemetry.dedup;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Redis store against a real redis-server. */
class RedisDedupStoreTest {

    private final String prefix = "test-" + UUID.randomUUID() + ":";

    private DeduplicateTelemetry<SourceRecord> task(RedisServer redis, String... more) {
        Map<String, String> props = new HashMap<>(Map.of("store", "redis", "key", "mid",
                "redis.host", redis.host(), "redis.port", Integer.toString(redis.port()),
                "redis.key.prefix", prefix, "redis.retry.backoff.ms", "0",
                "redis.connect.timeout.ms", "500", "redis.read.timeout.ms", "500"));
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        DeduplicateTelemetry<SourceRecord> smt = new DeduplicateTelemetry<>();
        smt.configure(props);
        return smt;
    }

    private static SourceRecord record(String mid) {
        return new SourceRecord(null, null, "events", 0, null, mid, null, Map.of("eid", "START", "mid", mid), 1L);
    }

    @Test
    void twoTasksSharingRedisSeeEachOthersKeys() {
        RedisServer redis = RedisServer.shared();
        DeduplicateTelemetry<SourceRecord> first = task(redis);
        DeduplicateTelemetry<SourceRecord> second = task(redis);
        try {
            assertThat(first.apply(record("e1"))).isNotNull();
            assertThat(second.apply(record("e1"))).isNull();
            assertThat(second.apply(record("e2"))).isNotNull();
            assertThat(first.apply(record("e2"))).isNull();
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void keysExpireAfterTheWindowInRedisItself() {
        RedisServer redis = RedisServer.shared();
        DeduplicateTelemetry<SourceRecord> smt = task(redis, "window.ms", "3600000");
        try (RedisClient client = RedisClient.create(redis.host(), redis.port())) {
            smt.apply(record("e1"));
            long ttl = client.pttl(prefix + "mid:e1");
            assertThat(ttl).isPositive().isLessThanOrEqualTo(3_600_000L);
        } finally {
            smt.close();
        }
    }

    @Test
    void aTaskRestartedFromItsCommittedOffsetPassesItsReplayButNotATrueDuplicate() {
        RedisServer redis = RedisServer.shared();
        Map<String, Object> partition = Map.of("topic", "batches", "partition", 1);
        SourceRecord first = new SourceRecord(partition, Map.of("offset", 41L), "events", 0, null, "k", null,
                Map.of("mid", "e-replay"), 1L);
        DeduplicateTelemetry<SourceRecord> before = task(redis, "replays.pass", "true");
        assertThat(before.apply(first)).isNotNull();
        before.close();

        DeduplicateTelemetry<SourceRecord> restarted = task(redis, "replays.pass", "true");
        try {
            SourceRecord replay = new SourceRecord(Map.of("partition", 1, "topic", "batches"), Map.of("offset", 41L),
                    "events", 0, null, "k", null, Map.of("mid", "e-replay"), 1L);
            assertThat(restarted.apply(replay)).isSameAs(replay);
            SourceRecord later = new SourceRecord(partition, Map.of("offset", 42L), "events", 0, null, "k", null,
                    Map.of("mid", "e-replay"), 1L);
            assertThat(restarted.apply(later)).isNull();
        } finally {
            restarted.close();
        }
    }

    @Test
    void differentPrefixesDoNotDeduplicateAgainstEachOther() {
        RedisServer redis = RedisServer.shared();
        DeduplicateTelemetry<SourceRecord> batches = task(redis, "redis.key.prefix", prefix + "batches:");
        DeduplicateTelemetry<SourceRecord> events = task(redis, "redis.key.prefix", prefix + "events:");
        try {
            assertThat(batches.apply(record("same"))).isNotNull();
            assertThat(events.apply(record("same"))).isNotNull();
        } finally {
            batches.close();
            events.close();
        }
    }

    @Test
    void redisOutageIsCountedAndPassedOrRetriedThenRecovers() throws Exception {
        try (RedisServer redis = RedisServer.startNew();
             Metrics metrics = new Metrics();
             PluginMetricsImpl plugin = new PluginMetricsImpl(metrics, Map.of("task", "0"))) {
            DeduplicateTelemetry<SourceRecord> pass = task(redis);
            DeduplicateTelemetry<SourceRecord> fail = task(redis, "behavior.on.store.error", "fail");
            pass.withPluginMetrics(plugin);
            assertThat(pass.apply(record("e1"))).isNotNull();

            redis.stop();
            SourceRecord during = record("e1");
            assertThat(pass.apply(during)).as("passed unchecked while Redis is down").isSameAs(during);
            assertThat(DedupBehaviourTest.total(metrics, "store-errors-total")).isEqualTo(1.0);
            assertThatThrownBy(() -> fail.apply(record("e9"))).isInstanceOf(RetriableException.class);

            redis.start();
            assertThat(fail.apply(record("e9"))).as("the retry succeeds once Redis is back").isNotNull();
            assertThat(pass.apply(record("e9"))).isNull();
            pass.close();
            fail.close();
        }
    }
}
