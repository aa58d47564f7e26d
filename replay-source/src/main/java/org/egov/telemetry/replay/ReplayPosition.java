package org.egov.telemetry.replay;

import org.egov.telemetry.core.RecordValues;

import java.util.Map;

/**
 * How far an object has been replayed: the number of its lines written (or reported), and whether that was all of
 * it. Stored as the source offset of each record, so a restart resumes after the last committed line.
 */
record ReplayPosition(long lines, boolean complete) {

    static final ReplayPosition START = new ReplayPosition(0, false);

    Map<String, Object> toOffset() {
        return Map.of("line", lines, "eof", complete);
    }

    static ReplayPosition fromOffset(Map<String, Object> offset) {
        if (offset == null) {
            return START;
        }
        Long line = RecordValues.asLong(offset.get("line"));
        return new ReplayPosition(line == null ? 0 : line, Boolean.TRUE.equals(offset.get("eof")));
    }
}
