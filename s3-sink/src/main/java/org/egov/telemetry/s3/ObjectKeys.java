package org.egov.telemetry.s3;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Names objects: {@code <topics.dir>/<topic>/dt=YYYY-MM-DD/<topic>+<partition>+<zero-padded startOffset><ext>}.
 * A name depends only on its inputs, so rewriting the same offset range replaces the object.
 */
final class ObjectKeys {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");

    private final String prefix;
    private final ZoneId zone;
    private final int offsetPadWidth;
    private final String extension;

    ObjectKeys(String topicsDir, ZoneId zone, int offsetPadWidth, CompressionType compression) {
        this.prefix = topicsDir.isEmpty() ? "" : topicsDir + "/";
        this.zone = zone;
        this.offsetPadWidth = offsetPadWidth;
        this.extension = compression.extension();
    }

    static ObjectKeys from(S3SinkConnectorConfig config) {
        return new ObjectKeys(config.topicsDir(), config.timezone(), config.offsetZeroPadWidth(), config.compressionType());
    }

    /** The {@code dt=YYYY-MM-DD} folder of a record time given in epoch milliseconds. */
    String dateFolder(long timestampMillis) {
        return "dt=" + DATE.format(LocalDate.ofInstant(Instant.ofEpochMilli(timestampMillis), zone));
    }

    String key(String topic, int partition, String dateFolder, long startOffset) {
        return prefix + topic + "/" + dateFolder + "/" + topic + "+" + partition + "+" + pad(startOffset) + extension;
    }

    private String pad(long offset) {
        String digits = Long.toString(offset);
        if (digits.length() >= offsetPadWidth) {
            return digits;
        }
        return "0".repeat(offsetPadWidth - digits.length()) + digits;
    }
}
