package org.egov.telemetry.s3.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of the S3 sink, assembled from one fragment per concern. Key names and meanings follow
 * Confluent's S3 sink connector, so that an operator can swap one for the other; keys marked "New" in their
 * documentation are ours.
 */
public final class S3SinkConnectorConfig extends AbstractConfig {

    public static final ConfigDef CONFIG_DEF = RotationConfig.define(PartitionerConfig.define(
            FormatConfig.define(StoreConfig.define(new ConfigDef()))));

    private final StoreConfig store = new StoreConfig(this);
    private final FormatConfig format = new FormatConfig(this);
    private final PartitionerConfig partitioner = new PartitionerConfig(this);
    private final RotationConfig rotation = new RotationConfig(this);

    public S3SinkConnectorConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
        crossKeyErrors(values()).entrySet().stream().findFirst().ifPresent(error -> {
            // the value is left out: it may be a secret
            throw new ConfigException("Invalid configuration " + error.getKey() + ": " + error.getValue());
        });
    }

    /**
     * Checks that involve more than one key.
     *
     * @param parsed values as parsed by {@link #CONFIG_DEF}
     * @return messages keyed by the key to fix, in a stable order; empty when all is well
     */
    public static Map<String, String> crossKeyErrors(Map<String, ?> parsed) {
        Map<String, String> errors = new LinkedHashMap<>();
        StoreConfig.check(parsed, errors);
        FormatConfig.check(parsed, errors);
        PartitionerConfig.check(parsed, errors);
        RotationConfig.check(parsed, errors);
        return errors;
    }

    public StoreConfig store() {
        return store;
    }

    public FormatConfig format() {
        return format;
    }

    public PartitionerConfig partitioner() {
        return partitioner;
    }

    public RotationConfig rotation() {
        return rotation;
    }
}
