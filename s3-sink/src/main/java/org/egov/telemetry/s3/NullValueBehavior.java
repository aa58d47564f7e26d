package org.egov.telemetry.s3;

/** What the sink does with a record whose value is null (a tombstone) or empty. */
public enum NullValueBehavior {
    /** Skip the record; its offset still counts as handled. */
    IGNORE,
    /** Fail the task. */
    FAIL
}
