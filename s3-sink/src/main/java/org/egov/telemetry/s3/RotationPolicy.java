package org.egov.telemetry.s3;

import org.egov.telemetry.s3.config.RotationConfig;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a partition's open file is closed: after {@code flushSize} records or {@code flushSizeBytes}
 * uncompressed bytes in one file, before a record {@code recordIntervalMs} or more (record time) after the
 * file's first one, once no record was added for {@code idleMs} (wall clock), or at the next multiple of
 * {@code scheduleIntervalMs} from midnight in {@code zone} after the file was opened. A non-positive value is off.
 */
record RotationPolicy(int flushSize, long flushSizeBytes, long recordIntervalMs, long idleMs,
                      long scheduleIntervalMs, ZoneId zone) {

    static RotationPolicy from(RotationConfig config, ZoneId zone) {
        return new RotationPolicy(config.flushSize(), config.flushSizeBytes(), config.rotateIntervalMs(),
                config.rotateIdleMs(), config.rotateScheduleIntervalMs(), zone);
    }

    boolean isFull(int recordCount, long largestFileBytes) {
        return recordCount >= flushSize || flushSizeBytes > 0 && largestFileBytes >= flushSizeBytes;
    }

    boolean isRecordTimeDue(long firstTimestamp, long timestamp) {
        return recordIntervalMs > 0 && timestamp - firstTimestamp >= recordIntervalMs;
    }

    boolean isIdle(long lastAppendMillis, long nowMillis) {
        return idleMs > 0 && nowMillis - lastAppendMillis >= idleMs;
    }

    /** When a file opened at {@code openedAtMillis} is due by the schedule; {@link Long#MAX_VALUE} when off. */
    long scheduledRotation(long openedAtMillis) {
        if (scheduleIntervalMs <= 0) {
            return Long.MAX_VALUE;
        }
        ZonedDateTime opened = Instant.ofEpochMilli(openedAtMillis).atZone(zone);
        long startOfDay = opened.toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
        long nextDay = opened.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long next = startOfDay + ((openedAtMillis - startOfDay) / scheduleIntervalMs + 1) * scheduleIntervalMs;
        return Math.min(next, nextDay);
    }
}
