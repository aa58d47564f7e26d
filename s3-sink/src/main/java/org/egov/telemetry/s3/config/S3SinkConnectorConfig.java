package org.egov.telemetry.s3.config;

import org.apache.kafka.common.config.ConfigDef;
import org.egov.telemetry.core.ConfigFragment;
import org.egov.telemetry.core.PluginConfig;

import java.util.List;
import java.util.Map;

/**
 * Configuration of the S3 sink, assembled from one fragment per concern. Key names and meanings follow
 * Confluent's S3 sink connector, so that an operator can swap one for the other; keys marked "New" in their
 * documentation are ours.
 */
public final class S3SinkConnectorConfig extends PluginConfig {

    public static final ConfigDef CONFIG_DEF = RotationConfig.define(PartitionerConfig.define(
            FormatConfig.define(StoreConfig.define(new ConfigDef()))));

    private final StoreConfig store = new StoreConfig(this);
    private final FormatConfig format = new FormatConfig(this);
    private final PartitionerConfig partitioner = new PartitionerConfig(this);
    private final RotationConfig rotation = new RotationConfig(this);

    /** Parses and checks each key; {@link #ensureConsistent()} checks the rules across keys. */
    public S3SinkConnectorConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    @Override
    protected List<? extends ConfigFragment> fragments() {
        return List.of(store, format, partitioner, rotation);
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
