package org.egov.telemetry.s3.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.egov.telemetry.core.ConfigFragment;

/** When a partition's open file is closed and uploaded, and how much a task may buffer in all. */
public final class RotationConfig extends ConfigFragment {

    public static final String FLUSH_SIZE = "flush.size";
    public static final String FLUSH_SIZE_BYTES = "flush.size.bytes";
    public static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
    public static final String ROTATE_IDLE_MS = "rotate.idle.ms";
    public static final String ROTATE_SCHEDULE_INTERVAL_MS = "rotate.schedule.interval.ms";
    public static final String S3_BUFFER_MAX_BYTES = "s3.buffer.max.bytes";

    private static final String GROUP = "Rotation";

    RotationConfig(AbstractConfig config) {
        super(config);
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(FLUSH_SIZE, Type.INT, 1000, ConfigDef.Range.atLeast(1),
                        Importance.HIGH, "The number of records of one topic partition written before its open "
                                + "file is closed and uploaded. Deterministic: a replay cuts at the same offsets.",
                        GROUP, 1, Width.SHORT, "Flush size")
                .define(FLUSH_SIZE_BYTES, Type.LONG, -1L, Validators.disabledOrPositive(),
                        Importance.MEDIUM, "New (Secor's max file size): a partition's open file is closed and "
                                + "uploaded once it holds this many bytes of NDJSON, counted before compression so "
                                + "that a replay cuts at the same offsets. -1 disables it.",
                        GROUP, 2, Width.SHORT, "Flush size in bytes")
                .define(ROTATE_INTERVAL_MS, Type.LONG, -1L, Validators.disabledOrPositive(),
                        Importance.MEDIUM, "Record-time rotation: a partition's open file is closed before a record "
                                + "whose time (see timestamp.extractor) is this many milliseconds or more after the "
                                + "time of the file's first record. Deterministic with RecordField or Record "
                                + "timestamps. On its own it never closes a file when no newer record arrives; "
                                + "see " + ROTATE_IDLE_MS + ". -1 disables it.",
                        GROUP, 3, Width.SHORT, "Rotate interval")
                .define(ROTATE_IDLE_MS, Type.LONG, -1L, Validators.disabledOrPositive(),
                        Importance.MEDIUM, "New: a partition's open file is closed and uploaded once no record has "
                                + "been added to it for this many milliseconds by the wall clock, so that data stops "
                                + "waiting when the topic goes quiet (with " + ROTATE_INTERVAL_MS + " or alone). "
                                + "Checked whenever Connect calls the task, at least every offset.flush.interval.ms. "
                                + "-1 disables it.",
                        GROUP, 4, Width.SHORT, "Idle rotation")
                .define(ROTATE_SCHEDULE_INTERVAL_MS, Type.LONG, -1L, Validators.disabledOrPositive(),
                        Importance.MEDIUM, "Wall-clock rotation: a partition's open file is closed at the next "
                                + "multiple of this interval, counted from midnight in timezone, after the file was "
                                + "opened, even if no new record arrives. Checked whenever Connect calls the task, at "
                                + "least every offset.flush.interval.ms. -1 disables it.",
                        GROUP, 5, Width.SHORT, "Rotate schedule interval")
                .define(S3_BUFFER_MAX_BYTES, Type.LONG, 128L * 1024 * 1024, ConfigDef.Range.atLeast(1024 * 1024),
                        Importance.MEDIUM, "New: the most heap all open files of one task may hold together "
                                + "(compressed bytes plus buffers). When a record takes the task over it, the "
                                + "partition with the largest open file is closed and uploaded early, instead of "
                                + "the heap growing; with many partitions this makes smaller objects.",
                        GROUP, 6, Width.SHORT, "Buffer limit");
    }

    public int flushSize() {
        return config.getInt(FLUSH_SIZE);
    }

    /** Uncompressed bytes per file, or -1 when off. */
    public long flushSizeBytes() {
        return config.getLong(FLUSH_SIZE_BYTES);
    }

    public long rotateIntervalMs() {
        return config.getLong(ROTATE_INTERVAL_MS);
    }

    public long rotateIdleMs() {
        return config.getLong(ROTATE_IDLE_MS);
    }

    public long rotateScheduleIntervalMs() {
        return config.getLong(ROTATE_SCHEDULE_INTERVAL_MS);
    }

    public long bufferMaxBytes() {
        return config.getLong(S3_BUFFER_MAX_BYTES);
    }
}
