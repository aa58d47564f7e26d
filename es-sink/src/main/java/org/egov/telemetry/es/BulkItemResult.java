package org.egov.telemetry.es;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.connect.errors.ConnectException;
import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
     * Reads the {@code items} of a bulk response, one per action in request order, as a stream of tokens: the
     * response is never built as a tree.
     *
     * @throws IOException when the response is not JSON
     * @throws ConnectException when the response does not have exactly {@code expected} items
     */
    static List<BulkItemResult> read(InputStream response, int expected) throws IOException {
        List<BulkItemResult> results = new ArrayList<>(expected);
        boolean hasItems = false;
        try (JsonParser parser = Json.mapper().getFactory().createParser(response)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("The bulk response is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() == JsonToken.START_ARRAY && field.equals("items")) {
                    hasItems = true;
                    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                        results.add(token == JsonToken.START_OBJECT ? item(parser) : unreadable(parser));
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (!hasItems || results.size() != expected) {
            throw new ConnectException("Bulk response has " + (hasItems ? results.size() : "no") + " items for "
                    + expected + " actions");
        }
        return results;
    }

    /** One item, {@code {"<action>": {"status": .., "error": {"type": .., "reason": ..}}}}; the parser ends on its end. */
    private static BulkItemResult item(JsonParser parser) throws IOException {
        BulkItemResult result = new BulkItemResult(0, null, null);
        int actions = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            actions++;
            result = parser.nextToken() == JsonToken.START_OBJECT ? body(parser) : unreadable(parser);
        }
        return actions == 1 ? result : new BulkItemResult(0, null, null);
    }

    private static BulkItemResult body(JsonParser parser) throws IOException {
        int status = 0;
        String type = null;
        String reason = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("status") && value == JsonToken.VALUE_NUMBER_INT) {
                status = parser.getIntValue();
            } else if (field.equals("error") && value == JsonToken.START_OBJECT) {
                type = "unknown";
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken text = parser.nextToken();
                    if (text.isScalarValue() && text != JsonToken.VALUE_NULL && name.equals("type")) {
                        type = parser.getText();
                    } else if (text.isScalarValue() && text != JsonToken.VALUE_NULL && name.equals("reason")) {
                        reason = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (field.equals("error") && value != JsonToken.VALUE_NULL) {
                type = "unknown";
                reason = value.isScalarValue() ? parser.getText() : null;
                parser.skipChildren();
            } else {
                parser.skipChildren();
            }
        }
        return new BulkItemResult(status, type, reason);
    }

    private static BulkItemResult unreadable(JsonParser parser) throws IOException {
        parser.skipChildren();
        return new BulkItemResult(0, null, null);
    }
}
