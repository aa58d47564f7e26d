package org.egov.telemetry.es;

import org.apache.kafka.connect.errors.ConnectException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The answer for one action of a bulk request, and what it means for the sink. */
record BulkItemResult(int status, String errorType, String reason) {

    enum Outcome { OK, RETRIABLE, MALFORMED, FAILED }

    private static final Set<String> REJECTED = Set.of(
            "es_rejected_execution_exception",        // Elasticsearch
            "rejected_execution_exception");          // OpenSearch names the same exception without the prefix
    private static final Set<String> MALFORMED_TYPES = Set.of(
            "mapper_parsing_exception", "document_parsing_exception", "illegal_argument_exception",
            "parse_exception", "json_parse_exception", "x_content_parse_exception", "strict_dynamic_mapping_exception");

    Outcome outcome(BulkAction.Kind kind) {
        if (errorType == null && (status / 100 == 2 || (kind == BulkAction.Kind.DELETE && status == 404))) {
            return Outcome.OK;                        // deleting a document that is not there is done too
        }
        if (kind == BulkAction.Kind.CREATE && status == 409) {
            return Outcome.OK;                        // appended to the data stream before: a replay, nothing to do
        }
        if (status == 429 || status == 503 || REJECTED.contains(errorType)) {
            return Outcome.RETRIABLE;
        }
        if (status == 400 && MALFORMED_TYPES.contains(errorType)) {
            return Outcome.MALFORMED;
        }
        return Outcome.FAILED;
    }

    String describe() {
        return status + " " + (errorType == null ? "" : errorType + ": ") + (reason == null ? "" : reason);
    }

    /**
     * Reads the {@code items} of a bulk response, one per action in request order.
     *
     * @throws ConnectException when the response does not have exactly {@code expected} items
     */
    @SuppressWarnings("unchecked")
    static List<BulkItemResult> parse(Map<String, Object> response, int expected) {
        Object items = response.get("items");
        if (!(items instanceof List<?> list) || list.size() != expected) {
            throw new ConnectException("Bulk response has " + (items instanceof List<?> l ? l.size() : "no")
                    + " items for " + expected + " actions");
        }
        List<BulkItemResult> results = new ArrayList<>(expected);
        for (Object item : list) {
            // each item is {"<action>": {"status": .., "error": {"type": .., "reason": ..}}}
            Map<String, Object> body = item instanceof Map<?, ?> m && m.size() == 1
                    ? (Map<String, Object>) m.values().iterator().next() : Map.of();
            int status = body.get("status") instanceof Number n ? n.intValue() : 0;
            Object error = body.get("error");
            String type = null;
            String reason = null;
            if (error instanceof Map<?, ?> e) {
                type = e.get("type") == null ? "unknown" : e.get("type").toString();
                reason = e.get("reason") == null ? null : e.get("reason").toString();
            } else if (error != null) {
                type = "unknown";
                reason = error.toString();
            }
            results.add(new BulkItemResult(status, type, reason));
        }
        return results;
    }
}
