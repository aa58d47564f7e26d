package org.egov.telemetry.s3.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How records are spread over folders. The names are Confluent's partitioner class names, so their JSON works
 * here unchanged; the short names ({@code default}, {@code time}) work too.
 */
public enum PartitionerType {
    /** {@code partition=<kafka partition>}. */
    DEFAULT("io.confluent.connect.storage.partitioner.DefaultPartitioner", "default"),
    /** The record time formatted with {@code path.format}, e.g. {@code dt=2024-03-01}. */
    TIME_BASED("io.confluent.connect.storage.partitioner.TimeBasedPartitioner", "time");

    private final String confluentClass;
    private final String shortName;

    PartitionerType(String confluentClass, String shortName) {
        this.confluentClass = confluentClass;
        this.shortName = shortName;
    }

    public static PartitionerType parse(String value) {
        String name = value == null ? "" : value.trim();
        for (PartitionerType type : values()) {
            String simple = type.confluentClass.substring(type.confluentClass.lastIndexOf('.') + 1);
            if (name.equals(type.confluentClass) || name.equals(simple)
                    || name.toLowerCase(Locale.ROOT).equals(type.shortName)) {
                return type;
            }
        }
        return null;
    }

    static ConfigDef.Validator validator() {
        List<String> allowed = Arrays.stream(values())
                .flatMap(t -> java.util.stream.Stream.of(t.confluentClass, t.shortName))
                .collect(Collectors.toList());
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (parse(value == null ? null : value.toString()) == null) {
                throw new ConfigException(name, value, "must be one of " + allowed);
            }
        }, allowed::toString);
    }
}
