package org.egov.telemetry.es;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BulkRequestBodyTest {

    private static final TopicPartition PARTITION = new TopicPartition("events", 0);

    @Test
    void writesOneActionLineAndOneDocumentLinePerActionWithEscapedIds() {
        byte[] doc = "{\"eid\":\"START\"}".getBytes(StandardCharsets.UTF_8);
        List<BulkAction> actions = List.of(
                new BulkAction(BulkAction.Kind.INDEX, "telemetry", "mid-\"1\"", doc, null, PARTITION, 0),
                new BulkAction(BulkAction.Kind.CREATE, "logs-telemetry", "mid-2", doc, null, PARTITION, 1),
                new BulkAction(BulkAction.Kind.UPDATE, "telemetry", "mid-3", doc, null, PARTITION, 2),
                new BulkAction(BulkAction.Kind.DELETE, "telemetry", "mid-4\u00e9", null, null, PARTITION, 3));

        String body = new String(BulkRequestBody.of(actions), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("""
                {"index":{"_index":"telemetry","_id":"mid-\\"1\\""}}
                {"eid":"START"}
                {"create":{"_index":"logs-telemetry","_id":"mid-2"}}
                {"eid":"START"}
                {"update":{"_index":"telemetry","_id":"mid-3"}}
                {"doc":{"eid":"START"},"doc_as_upsert":true}
                {"delete":{"_index":"telemetry","_id":"mid-4\u00e9"}}
                """);
    }
}
