package org.egov.telemetry.unbundle;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.RecordValues;
import org.egov.telemetry.core.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads its share of the batch topic's partitions and emits one record per event. Progress lives in
 * Connect's source offsets (partition = input topic-partition, offset = input offset), which exactly-once
 * workers commit in the same transaction as the events.
 */
public class UnbundleSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(UnbundleSourceTask.class);

    private final ReentrantLock consumerAccess = new ReentrantLock();
    private UnbundleSourceConfig config;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Unbundler unbundler;
    private UnbundleMetrics metrics;
    private volatile boolean stopping;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new UnbundleSourceConfig(props);
        unbundler = new Unbundler(config.outputTopic(), config.failedTopic(), config.maxEventBytes());
        metrics = new UnbundleMetrics(context.pluginMetrics());
        List<TopicPartition> partitions = Arrays.stream(props.get(UnbundleSourceConnector.TASK_PARTITIONS).split(","))
                .map(p -> new TopicPartition(config.inputTopic(), Integer.parseInt(p.trim())))
                .collect(Collectors.toList());
        String clientId = props.getOrDefault(UnbundleSourceConnector.TASK_ID, "unbundle");
        consumer = new KafkaConsumer<>(config.consumerConfig(clientId));
        consumer.assign(partitions);
        resume(partitions);
        log.info("Unbundling {} into {}", partitions, config.outputTopic());
    }

    private void resume(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> last = storedOffsets(partitions, tp -> Unbundler.sourcePartition(tp.topic(),
                tp.partition()));
        storedOffsets(partitions, tp -> Unbundler.earlierSourcePartition(tp.topic(), tp.partition()))
                .forEach((tp, offset) -> last.merge(tp, offset, Math::max));
        for (TopicPartition tp : partitions) {
            Long offset = last.get(tp);
            if (offset == null) {
                consumer.seekToBeginning(List.of(tp));
                log.info("No stored offset for {}, starting at the beginning", tp);
            } else {
                consumer.seek(tp, offset + 1);
                log.info("Resuming {} after offset {}", tp, offset);
            }
        }
    }

    /** The last input offset stored for each partition under source partitions made by {@code key}. */
    private Map<TopicPartition, Long> storedOffsets(List<TopicPartition> partitions,
                                                    Function<TopicPartition, Map<String, Object>> key) {
        List<Map<String, Object>> keys = partitions.stream().map(key).collect(Collectors.toList());
        Map<Map<String, Object>, Map<String, Object>> stored = context.offsetStorageReader().offsets(keys);
        Map<TopicPartition, Long> found = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Map<String, Object> offset = stored.get(key.apply(tp));
            Long last = offset == null ? null : RecordValues.asLong(offset.get("offset"));
            if (last != null) {
                found.put(tp, last);
            }
        }
        return found;
    }

    @Override
    public List<SourceRecord> poll() {
        consumerAccess.lock();
        try {
            if (stopping) {
                return null;
            }
            ConsumerRecords<byte[], byte[]> batches = consumer.poll(Duration.ofMillis(config.pollTimeoutMs()));
            metrics.lag(inputLag());
            if (batches.isEmpty()) {
                return null;
            }
            List<SourceRecord> out = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> batch : batches) {
                metrics.batch();
                for (SourceRecord record : unbundler.unbundle(batch.topic(), batch.partition(), batch.offset(),
                        batch.value(), batch.timestamp(), batch.headers())) {
                    if (unbundler.isFailure(record)) {
                        metrics.failed();
                        log.debug("Unbundling {}-{}@{} failed: {}", batch.topic(), batch.partition(), batch.offset(),
                                record.headers().lastWithName(ErrorHeaders.REASON).value());
                    } else {
                        metrics.event();
                    }
                    out.add(record);
                }
            }
            return out.isEmpty() ? null : out;
        } catch (WakeupException e) {
            return null;
        } finally {
            consumerAccess.unlock();
        }
    }

    /** The consumer's own view, from the last fetch: no request to the broker. */
    private long inputLag() {
        long sum = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty()) {
                return -1;
            }
            sum += lag.getAsLong();
        }
        return sum;
    }

    @Override
    public void stop() {
        stopping = true;
        if (consumer == null) {
            return;
        }
        consumer.wakeup();
        consumerAccess.lock();
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } finally {
            consumerAccess.unlock();
        }
    }
}
