package org.egov.telemetry.core;

import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

import java.util.Map;

/**
 * Kafka's {@link JsonConverter}, same configuration and same output, except that a schemaless value that is a
 * {@link SerializedJsonObject} is written as the bytes it already carries. The HTTP source builds its batches
 * that way on its request threads, so the task thread, which every batch of a task passes through, does not
 * serialise them a second time. Every other value, and every value when {@code schemas.enable=true}, goes
 * through {@link JsonConverter} unchanged.
 */
public class TelemetryJsonConverter extends JsonConverter implements Versioned {

    private boolean schemasEnabled = JsonConverterConfig.SCHEMAS_ENABLE_DEFAULT;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        schemasEnabled = new JsonConverterConfig(configs).schemasEnabled();
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (!schemasEnabled && schema == null && value instanceof SerializedJsonObject serialized) {
            return serialized.json();
        }
        return super.fromConnectData(topic, schema, value);
    }

    /** This bundle's version, so that Connect's plugin listing shows it instead of "undefined". */
    @Override
    public String version() {
        return Version.get();
    }
}
