package org.egov.telemetry.core;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Source connectors' committed offsets, read by tailing an offsets topic (the worker's
 * {@code offset.storage.topic} or a connector's own): each {@link #catchUp} reads only what was written since
 * the last one.
 *
 * <p>Connect's REST {@code GET /connectors/NAME/offsets} answers the same question, but for a source connector
 * the worker reads its whole offsets topic from the beginning on every call; asked once a second under load,
 * that cost the worker more CPU than the unbundle task itself.
 */
public final class SourceOffsetsTail implements AutoCloseable {

    private final Consumer<byte[], byte[]> consumer;
    /** connector → source partition → latest offset */
    private final Map<String, Map<JsonNode, JsonNode>> latest = new HashMap<>();

    /** @param consumer a read_committed consumer of byte arrays, not subscribed; this tail owns it */
    public SourceOffsetsTail(Consumer<byte[], byte[]> consumer, String offsetsTopic) {
        this.consumer = consumer;
        List<TopicPartition> partitions = consumer.partitionsFor(offsetsTopic).stream()
                .map(p -> new TopicPartition(offsetsTopic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads the topic up to its current end, waiting at most {@code maxWait} for it. */
    public void catchUp(Duration maxWait) throws IOException {
        try {
            ConsumerCatchUp.readToEnd(consumer, maxWait, this::read);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void read(ConsumerRecord<byte[], byte[]> r) {
        try {
            readOffset(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readOffset(ConsumerRecord<byte[], byte[]> r) throws IOException {
        if (r.key() == null) {
            return;
        }
        JsonNode key = Json.mapper().readTree(r.key());
        if (!key.isArray() || !key.path(0).isTextual()) {
            return;
        }
        Map<JsonNode, JsonNode> offsets = latest.computeIfAbsent(key.get(0).asText(), c -> new HashMap<>());
        if (r.value() == null) {
            offsets.remove(key.path(1));
        } else {
            offsets.put(key.path(1), Json.mapper().readTree(r.value()));
        }
    }

    /** The connector's latest offset for each of its source partitions, as of the last catch-up. */
    public Map<JsonNode, JsonNode> offsets(String connector) {
        return Map.copyOf(latest.getOrDefault(connector, Map.of()));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
