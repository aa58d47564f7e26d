package org.egov.telemetry.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.egov.telemetry.core.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A table kept in step with a compacted topic by a background thread: it reads every partition from the
 * beginning, then follows new records; a null value removes its key. Memory is bounded by a size-limited
 * cache. The thread never stops on an error of the cluster: it logs, waits and tries again.
 */
final class TopicTable implements LookupTable {

    private static final Logger log = LoggerFactory.getLogger(TopicTable.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long RETRY_MS = 1000;

    private final String topic;
    private final Consumer<byte[], byte[]> consumer;
    private final Cache<String, Map<String, Object>> entries;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Duration loadTimeout;
    private Thread thread;
    private volatile boolean running = true;
    private volatile long rejected;

    TopicTable(String topic, Consumer<byte[], byte[]> consumer, long maxEntries, Duration loadTimeout) {
        this.topic = topic;
        this.consumer = consumer;
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
        this.loadTimeout = loadTimeout;
    }

    /** Starts following the topic and waits up to the load time-out for the table to catch up. */
    @Override
    public synchronized void start(String threadName) {
        if (thread != null || !running) {
            return;
        }
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            if (!caughtUp.await(loadTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Lookup topic {} not read to its end within {} ms; {} keys so far, the rest loads while "
                        + "events flow", topic, loadTimeout.toMillis(), size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void rename(String threadName) {
        if (thread != null) {
            thread.setName(threadName);
        }
    }

    boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            log.info("Loading lookup topic {} ({} partitions)", topic, partitions.size());
            while (running) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                    }
                    if (!isCaughtUp() && reachedEnds(ends)) {
                        caughtUp.countDown();
                        log.info("Lookup topic {} loaded: {} keys", topic, size());
                    }
                } catch (WakeupException | InterruptException e) {
                    // close() asked us to stop
                } catch (RuntimeException e) {
                    log.warn("Reading lookup topic {} failed, retrying in {} ms: {}", topic, RETRY_MS, e.toString());
                    pause();
                }
            }
        } finally {
            caughtUp.countDown();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                log.warn("Lookup topic {} has no partitions yet, retrying", topic);
            } catch (WakeupException | InterruptException e) {
                return List.of();
            } catch (RuntimeException e) {
                log.warn("Cannot describe lookup topic {}, retrying: {}", topic, e.toString());
            }
            pause();
        }
        return List.of();
    }

    private boolean reachedEnds(Map<TopicPartition, Long> ends) {
        ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        return ends.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            rejected++;
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            entries.invalidate(key);
            return;
        }
        try {
            entries.put(key, Collections.unmodifiableMap(Json.parseObject(record.value())));
        } catch (IOException e) {
            rejected++;
            log.debug("Lookup record {}-{}@{} is not a JSON object", record.topic(), record.partition(),
                    record.offset());
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public Map<String, Object> get(String key) {
        return entries.getIfPresent(key);
    }

    @Override
    public long size() {
        return entries.estimatedSize();
    }

    /** Records skipped because they had no key or their value was not a JSON object. */
    long rejected() {
        return rejected;
    }

    @Override
    public void close() {
        Thread started;
        synchronized (this) {
            running = false;
            started = thread;
        }
        if (started == null) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            return;
        }
        consumer.wakeup();
        try {
            started.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
