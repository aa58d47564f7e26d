package org.egov.telemetry.dedup;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;

import java.time.Duration;

/** The {@code redis.*} keys of {@link DeduplicateTelemetry}: where the cluster-wide store is and how to reach it. */
final class RedisStoreConfig {

    static final String HOST = "redis.host";
    static final String PORT = "redis.port";
    static final String DATABASE = "redis.database";
    static final String USER = "redis.user";
    static final String PASSWORD = "redis.password";
    static final String SSL = "redis.ssl.enabled";
    static final String CONNECT_TIMEOUT_MS = "redis.connect.timeout.ms";
    static final String READ_TIMEOUT_MS = "redis.read.timeout.ms";
    static final String KEY_PREFIX = "redis.key.prefix";
    static final String RETRY_BACKOFF_MS = "redis.retry.backoff.ms";

    private static final String GROUP = "Redis store";

    private RedisStoreConfig() {
    }

    static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(HOST, Type.STRING, "localhost", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Host of the Redis server used when store=redis.", GROUP, ++order, ConfigDef.Width.MEDIUM, HOST)
                .define(PORT, Type.INT, 6379, Range.between(1, 65535), Importance.MEDIUM,
                        "Port of the Redis server.", GROUP, ++order, ConfigDef.Width.SHORT, PORT)
                .define(DATABASE, Type.INT, 0, Range.atLeast(0), Importance.LOW,
                        "Redis database number that holds the keys.", GROUP, ++order, ConfigDef.Width.SHORT, DATABASE)
                .define(USER, Type.STRING, "", Importance.LOW,
                        "Redis ACL user name; empty for the default user.", GROUP, ++order, ConfigDef.Width.SHORT, USER)
                .define(PASSWORD, Type.PASSWORD, null, Importance.LOW,
                        "Redis password; empty when the server needs none.", GROUP, ++order, ConfigDef.Width.SHORT,
                        PASSWORD)
                .define(SSL, Type.BOOLEAN, false, Importance.LOW,
                        "Connect to Redis over TLS, trusting the worker JVM's default trust store.", GROUP, ++order,
                        ConfigDef.Width.SHORT, SSL)
                .define(CONNECT_TIMEOUT_MS, Type.INT, 2000, Range.between(1, 600_000), Importance.LOW,
                        "Longest wait for a connection to Redis, in milliseconds.", GROUP, ++order,
                        ConfigDef.Width.SHORT, CONNECT_TIMEOUT_MS)
                .define(READ_TIMEOUT_MS, Type.INT, 1000, Range.between(1, 600_000), Importance.LOW,
                        "Longest wait for Redis to answer one command, in milliseconds.", GROUP, ++order,
                        ConfigDef.Width.SHORT, READ_TIMEOUT_MS)
                .define(KEY_PREFIX, Type.STRING, "telemetry-dedup:", Importance.LOW,
                        "Prefix of every key written to Redis. Connectors (and tasks) with the same prefix and "
                                + "server de-duplicate against each other; give stages that must not (e.g. batches "
                                + "and events) different prefixes.", GROUP, ++order, ConfigDef.Width.MEDIUM, KEY_PREFIX)
                .define(RETRY_BACKOFF_MS, Type.LONG, 1000L, Range.between(0, 3_600_000), Importance.LOW,
                        "After Redis failed, how long it is not asked again, in milliseconds; records meanwhile are "
                                + "treated as behavior.on.store.error says, without waiting for a timeout each.",
                        GROUP, ++order, ConfigDef.Width.SHORT, RETRY_BACKOFF_MS);
    }

    static RedisDedupStore createStore(AbstractConfig config, Duration window) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(config.getInt(CONNECT_TIMEOUT_MS))
                .socketTimeoutMillis(config.getInt(READ_TIMEOUT_MS))
                .database(config.getInt(DATABASE))
                .clientName("telemetry-dedup");
        if (config.getBoolean(SSL)) {
            client.sslOptions(SslOptions.defaults());
        }
        String user = config.getString(USER);
        if (user != null && !user.isBlank()) {
            client.user(user);
        }
        Password password = config.getPassword(PASSWORD);
        if (password != null && !password.value().isEmpty()) {
            client.password(password.value());
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(4);
        pool.setMaxIdle(2);
        pool.setMinIdle(0);
        pool.setMaxWait(Duration.ofMillis(config.getInt(CONNECT_TIMEOUT_MS)));
        pool.setJmxEnabled(false);
        String host = config.getString(HOST);
        int port = config.getInt(PORT);
        RedisClient redis = RedisClient.builder().hostAndPort(host, port).clientConfig(client.build())
                .poolConfig(pool).build();
        return new RedisDedupStore(redis, host + ":" + port, config.getString(KEY_PREFIX), window,
                Duration.ofMillis(config.getLong(RETRY_BACKOFF_MS)), System::nanoTime);
    }
}
