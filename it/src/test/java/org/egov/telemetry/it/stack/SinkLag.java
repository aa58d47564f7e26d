package org.egov.telemetry.it.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How far a sink connector of the local stack is behind its input topic, from its consumer group's committed
 * offsets. A sink of a transactional topic that has everything commits one offset short of the end when the
 * last offset is a transaction marker, so one offset per partition counts as caught up.
 */
final class SinkLag {

    private SinkLag() {
    }

    /** Records of {@code topic} the sink has not committed yet, beyond one marker per partition. */
    static long unsettled(String connector, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .mapToLong(e -> {
                        OffsetAndMetadata at = committed.get(e.getKey());
                        return Math.max(0, e.getValue().offset() - (at == null ? 0 : at.offset()) - 1);
                    }).sum();
        }
    }
}
