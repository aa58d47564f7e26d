package org.egov.telemetry.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** One object being assembled in memory: NDJSON lines, compressed as they are appended. */
final class ObjectBuffer {

    private final String key;
    private final long startOffset;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final OutputStream out;
    private int recordCount;
    private byte[] content;

    ObjectBuffer(String key, long startOffset, CompressionType compression) {
        this.key = key;
        this.startOffset = startOffset;
        try {
            this.out = compression.wrap(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void append(byte[] line) {
        if (content != null) {
            throw new IllegalStateException("object " + key + " is already finished");
        }
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        recordCount++;
    }

    /** Finishes the object (once) and returns its bytes; later calls return the same bytes. */
    byte[] content() {
        if (content == null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            content = bytes.toByteArray();
        }
        return content;
    }

    String key() {
        return key;
    }

    long startOffset() {
        return startOffset;
    }

    int recordCount() {
        return recordCount;
    }
}
