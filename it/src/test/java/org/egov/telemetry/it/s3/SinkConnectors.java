package org.egov.telemetry.it.s3;

import org.egov.telemetry.it.support.ConnectorFiles;

import java.util.HashMap;
import java.util.Map;

/** S3 sink connector configs: the shipped {@code connectors/telemetry-s3-sink.json}, pointed at a test store. */
final class SinkConnectors {

    private SinkConnectors() {
    }

    static Map<String, String> config(RestartableS3Proxy store, String topic, String... overrides) {
        Map<String, String> config = new HashMap<>(ConnectorFiles.config("telemetry-s3-sink",
                Map.of("store.url", store.uri().toString())));
        config.put("topics", topic);
        config.put("s3.bucket.name", Archive.BUCKET);
        config.put("aws.access.key.id", RestartableS3Proxy.ACCESS_KEY);
        config.put("aws.secret.access.key", RestartableS3Proxy.SECRET_KEY);
        config.put("consumer.override.max.poll.records", "50");
        for (int i = 0; i < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }
}
