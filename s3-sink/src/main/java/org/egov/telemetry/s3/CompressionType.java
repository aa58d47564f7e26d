package org.egov.telemetry.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** How an object's bytes are compressed; decides the file extension and the content type. */
public enum CompressionType {
    NONE(".json", "application/x-ndjson") {
        @Override
        OutputStream wrap(OutputStream out) {
            return out;
        }
    },
    GZIP(".json.gz", "application/gzip") {
        @Override
        OutputStream wrap(OutputStream out) throws IOException {
            // GZIPOutputStream writes a fixed header (no file name, mtime 0): equal input gives equal bytes.
            return new GZIPOutputStream(out, 8192);
        }
    };

    private final String extension;
    private final String contentType;

    CompressionType(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    String extension() {
        return extension;
    }

    String contentType() {
        return contentType;
    }

    abstract OutputStream wrap(OutputStream out) throws IOException;
}
