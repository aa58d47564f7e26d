package org.egov.telemetry.s3;

import org.egov.telemetry.s3.config.PartitionerConfig;
import org.egov.telemetry.s3.config.PartitionerType;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** The folder of a record under its topic: {@code partition=<p>}, or its time through the path format. */
final class Folders {

    private final DateTimeFormatter format;

    private Folders(DateTimeFormatter format) {
        this.format = format;
    }

    static Folders from(PartitionerConfig config) {
        return new Folders(config.partitionerType() == PartitionerType.TIME_BASED ? config.pathFormatter() : null);
    }

    static Folders byTime(DateTimeFormatter format) {
        return new Folders(format);
    }

    String of(int partition, long timestampMillis) {
        return format == null ? "partition=" + partition : format.format(Instant.ofEpochMilli(timestampMillis));
    }
}
