package org.egov.telemetry.validate;

/**
 * The first thing wrong with a record.
 *
 * @param path   JSON pointer of the offending element ("" for the whole value)
 * @param reason what is wrong, for the failed topic's reason header
 */
public record Violation(String path, String reason) {
}
