package org.egov.telemetry.s3;

/**
 * When the buffered files of a partition are uploaded: after {@code flushSize} records, before a record
 * {@code recordIntervalMs} or more (record time) after the first buffered one, or once the first file has
 * been open {@code scheduleIntervalMs} (wall clock). A non-positive interval is off.
 */
record RotationPolicy(int flushSize, long recordIntervalMs, long scheduleIntervalMs) {

    static RotationPolicy from(S3SinkConnectorConfig config) {
        return new RotationPolicy(config.flushSize(), config.rotateIntervalMs(), config.rotateScheduleIntervalMs());
    }

    boolean isFull(int recordCount) {
        return recordCount >= flushSize;
    }

    boolean isRecordTimeDue(long firstTimestamp, long timestamp) {
        return recordIntervalMs > 0 && timestamp - firstTimestamp >= recordIntervalMs;
    }

    boolean isScheduleDue(long openedAtMillis, long nowMillis) {
        return scheduleIntervalMs > 0 && nowMillis - openedAtMillis >= scheduleIntervalMs;
    }
}
