package org.egov.telemetry.es;

import com.fasterxml.jackson.core.JsonGenerator;
import org.egov.telemetry.core.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

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
        try (JsonGenerator line = Json.mapper().getFactory().createGenerator(out)) {
            line.setRootValueSeparator(null);         // one action line per root value, no space between them
            for (BulkAction action : actions) {
                line.writeStartObject();
                line.writeObjectFieldStart(action.kind().name().toLowerCase(Locale.ROOT));
                line.writeStringField("_index", action.index());
                line.writeStringField("_id", action.id());
                line.writeEndObject();
                line.writeEndObject();
                line.flush();
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
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a bulk request in memory", e);
        }
        return out.toByteArray();
    }
}
