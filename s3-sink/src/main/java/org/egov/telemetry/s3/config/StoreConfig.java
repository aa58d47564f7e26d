package org.egov.telemetry.s3.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Where objects go and how they are uploaded: the store's connection, part size, and the task's retry backoff. */
public final class StoreConfig extends StoreConnectionConfig {

    public static final String S3_PART_SIZE = "s3.part.size";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    StoreConfig(AbstractConfig config) {
        super(config);
    }

    public static ConfigDef define(ConfigDef def) {
        return StoreConnectionConfig.define(def)
                .define(S3_PART_SIZE, Type.INT, 25 * 1024 * 1024, ConfigDef.Range.between(MIN_PART_SIZE, Integer.MAX_VALUE),
                        Importance.LOW, "The part size in bytes of a multipart upload. An object no larger than "
                                + "this is written with a single PutObject request.",
                        GROUP, 7, Width.SHORT, "Part size")
                .define(RETRY_BACKOFF_MS, Type.LONG, 5000L, ConfigDef.Range.atLeast(0),
                        Importance.LOW, "When an upload still fails after " + S3_PART_RETRIES + " retries with an "
                                + "error worth retrying, the task asks Connect to deliver the same records again "
                                + "after this many milliseconds (RetriableException); buffered data is kept, so "
                                + "nothing is lost while the store is down.",
                        GROUP, 10, Width.SHORT, "Task retry backoff");
    }

    public int partSize() {
        return config.getInt(S3_PART_SIZE);
    }

    public long taskRetryBackoffMs() {
        return config.getLong(RETRY_BACKOFF_MS);
    }
}
