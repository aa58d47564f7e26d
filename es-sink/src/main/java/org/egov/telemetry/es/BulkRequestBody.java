package org.egov.telemetry.es;

import org.egov.telemetry.core.Json;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the NDJSON body of {@code POST /_bulk}: an action line ({@code {"index":{"_index":..,"_id":..}}} or
 * {@code delete}) followed, for index actions, by the document on one line. No {@code _type}, so the same body
 * works on Elasticsearch 7, 8, 9 and OpenSearch.
 */
final class BulkRequestBody {

    private BulkRequestBody() {
    }

    static byte[] of(List<BulkAction> actions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(actions.size() * 256);
        for (BulkAction action : actions) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("_index", action.index());
            meta.put("_id", action.id());
            String verb = action.kind() == BulkAction.Kind.DELETE ? "delete" : "index";
            out.writeBytes(Json.toBytes(Map.of(verb, meta)));
            out.write('\n');
            if (action.kind() == BulkAction.Kind.INDEX) {
                out.writeBytes(action.source());
                out.write('\n');
            }
        }
        return out.toByteArray();
    }
}
