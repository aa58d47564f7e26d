package org.egov.telemetry.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** How an object's bytes are compressed; decides the file extension, the content type and the stream. */
public enum CompressionType {
    NONE(".json", "application/x-ndjson") {
        @Override
        OutputStream wrap(OutputStream out, int level) {
            return out;
        }
    },
    GZIP(".json.gz", "application/gzip") {
        @Override
        OutputStream wrap(OutputStream out, int level) throws IOException {
            // GZIPOutputStream writes a fixed header (no file name, mtime 0): equal input gives equal bytes.
            return new GZIPOutputStream(out, GZIP_BUFFER) {
                {
                    def.setLevel(level);
                }
            };
        }
    };

    /** Heap held by the compressing stream of one open file, besides its output. */
    static final int GZIP_BUFFER = 8192;

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

    /** Heap a compressing stream holds apart from the bytes it has written (zlib's own state is off-heap). */
    int streamOverhead() {
        return this == GZIP ? GZIP_BUFFER : 0;
    }

    /** @param level a {@link Deflater} level, -1 for the default */
    abstract OutputStream wrap(OutputStream out, int level) throws IOException;
}
