package org.egov.telemetry.core;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SourceOffsetsTailTest {

    private static final String TOPIC = "connect-offsets";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private long next;

    private void write(String key, String value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, next++, key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        consumer.updateEndOffsets(Map.of(TP, next));
    }

    @Test
    void keepsEachConnectorsLatestOffsetPerSourcePartitionReadingOnlyWhatIsNew() throws Exception {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.updateEndOffsets(Map.of(TP, 0L));
        SourceOffsetsTail tail = new SourceOffsetsTail(consumer, TOPIC);

        write("[\"unbundle\",{\"topic\":\"batches\",\"partition\":0}]", "{\"offset\":4}");
        write("[\"unbundle\",{\"topic\":\"batches\",\"partition\":1}]", "{\"offset\":9}");
        write("[\"edge\",{\"http.task\":\"t0\"}]", "{\"syncts\":1}");
        tail.catchUp(Duration.ofSeconds(5));
        assertThat(tail.offsets("unbundle")).hasSize(2);

        write("[\"unbundle\",{\"topic\":\"batches\",\"partition\":0}]", "{\"offset\":7}");
        write("[\"unbundle\",{\"topic\":\"batches\",\"partition\":1}]", null);
        tail.catchUp(Duration.ofSeconds(5));

        assertThat(tail.offsets("unbundle")).hasSize(1);
        assertThat(tail.offsets("unbundle").values().iterator().next().get("offset").asLong()).isEqualTo(7);
        assertThat(tail.offsets("edge")).hasSize(1);
        assertThat(tail.offsets("nobody")).isEmpty();
        assertThat(consumer.position(TP)).isEqualTo(5);
    }
}
