package org.egov.telemetry.es;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.egov.telemetry.core.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Buffers records and writes them with bulk requests: when {@code batch.size} records are buffered, when the
 * oldest buffered record has waited {@code linger.ms} (checked at every put), and on commit. Commits only
 * offsets of records whose documents the node acknowledged, keyed by the records' original partitions.
 */
public class ElasticsearchSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSinkTask.class);

    private final LongSupplier clock;
    private final OffsetTracker offsets = new OffsetTracker();
    private final List<BulkAction> buffer = new ArrayList<>();
    private long oldestBufferedAt;
    private ElasticsearchSinkConnectorConfig config;
    private SearchClient client;
    private DocumentConverter converter;
    private BulkSender sender;
    private ConnectException failure;

    public ElasticsearchSinkTask() {
        this(System::currentTimeMillis);
    }

    /** For tests: {@code clock} gives the current time in milliseconds. */
    ElasticsearchSinkTask(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ElasticsearchSinkConnectorConfig(props).ensureConsistent();
        client = SearchClient.create(config);
        converter = new DocumentConverter(config);
        sender = new BulkSender(client, config);
        try {
            log.info("Writing to {} at {}", client.describeNode(), config.connectionUrls());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not identify the search node at {} ({}); carrying on", config.connectionUrls(), e.toString());
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        throwIfFailed();
        for (SinkRecord record : records) {
            if (buffer.isEmpty()) {
                oldestBufferedAt = clock.getAsLong();
            }
            buffer.add(converter.convert(record));
            if (buffer.size() >= config.batchSize()) {
                sendBuffer();
            }
        }
        if (!buffer.isEmpty()) {
            long waited = clock.getAsLong() - oldestBufferedAt;
            if (waited >= config.lingerMs()) {
                sendBuffer();
            } else if (context != null) {
                context.timeout(config.lingerMs() - waited);  // come back with an empty put when linger expires
            }
        }
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        throwIfFailed();
        sendBuffer();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (failure == null) {
            sendBuffer();                             // a failure is thrown here and again at the next put
        }
        return offsets.committable(currentOffsets.keySet());
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        Set<TopicPartition> revoked = new HashSet<>(partitions);
        int before = buffer.size();
        buffer.removeIf(action -> revoked.contains(action.partition()));
        offsets.forget(revoked);
        if (before != buffer.size()) {
            log.debug("Dropped {} buffered records of revoked partitions {}", before - buffer.size(), revoked);
        }
    }

    @Override
    public void stop() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                log.warn("Error closing the search client", e);
            }
        }
    }

    private void sendBuffer() {
        if (buffer.isEmpty()) {
            return;
        }
        List<BulkAction> batch = List.copyOf(buffer);
        buffer.clear();
        BulkSender.Outcome outcome = sender.send(batch);
        offsets.acknowledge(batch, outcome.acknowledged());
        if (outcome.failure() != null) {
            failure = outcome.failure();
            throw failure;
        }
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new ConnectException("An earlier bulk request failed: " + failure.getMessage(), failure);
        }
    }
}
