package org.egov.telemetry.bench.es;

import org.egov.telemetry.core.Json;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/** What the benchmarks' direct {@code _bulk} loaders send: the sink's response filter and index-action bodies. */
public final class BulkBodies {

    /** The bulk path with the response filter the es-sink asks for. */
    public static final String PATH = "/_bulk?filter_path=items.*.status,items.*.error.type,items.*.error.reason";

    private BulkBodies() {
    }

    /** {@code index} actions for documents {@code from} (inclusive) to {@code to} (exclusive), with their ids. */
    public static byte[] body(String index, List<String> ids, List<byte[]> sources, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(Json.toBytes(Map.of("index", Map.of("_index", index, "_id", ids.get(i)))));
            out.write('\n');
            out.writeBytes(sources.get(i));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
