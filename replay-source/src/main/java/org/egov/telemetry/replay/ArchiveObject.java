package org.egov.telemetry.replay;

import java.util.Map;

/** One object of the archive: its key and size. Its source partition in Connect's offsets is its key. */
record ArchiveObject(String key, long size) {

    static final String PARTITION_KEY = "object";

    Map<String, Object> sourcePartition() {
        return Map.of(PARTITION_KEY, key);
    }

    boolean gzip() {
        return key.endsWith(".gz");
    }

    /** NDJSON objects as the S3 sink (ours or Confluent's JsonFormat) names them, plain or gzip. */
    static boolean readable(String key) {
        return key.endsWith(".json") || key.endsWith(".json.gz") || key.endsWith(".ndjson")
                || key.endsWith(".ndjson.gz");
    }
}
