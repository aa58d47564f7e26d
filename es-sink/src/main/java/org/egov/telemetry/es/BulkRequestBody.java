package org.egov.telemetry.es;

import org.egov.telemetry.core.Json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the NDJSON body of {@code POST /_bulk}: an action line ({@code {"index":{"_index":..,"_id":..}}},
 * {@code create}, {@code update} or {@code delete}) followed by the document on one line ({@code update} wraps it
 * as {@code {"doc":..,"doc_as_upsert":true}}). No {@code _type}, so the same body works on Elasticsearch 7, 8, 9
 * and OpenSearch.
 */
final class BulkRequestBody {

    private static final byte[] UPSERT_HEAD = "{\"doc\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPSERT_TAIL = ",\"doc_as_upsert\":true}".getBytes(StandardCharsets.UTF_8);

    private BulkRequestBody() {
    }

    static byte[] of(List<BulkAction> actions) {
        long size = 0;
        for (BulkAction action : actions) {
            size += action.sizeInBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size + 64, Integer.MAX_VALUE - 8));
        for (BulkAction action : actions) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("_index", action.index());
            meta.put("_id", action.id());
            out.writeBytes(Json.toBytes(Map.of(action.kind().name().toLowerCase(Locale.ROOT), meta)));
            out.write('\n');
            switch (action.kind()) {
                case INDEX, CREATE -> out.writeBytes(action.source());
                case UPDATE -> {
                    out.writeBytes(UPSERT_HEAD);
                    out.writeBytes(action.source());
                    out.writeBytes(UPSERT_TAIL);
                }
                default -> {
                    continue;
                }
            }
            out.write('\n');
        }
        return out.toByteArray();
    }
}
