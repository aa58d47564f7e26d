package org.egov.telemetry.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** One object being assembled in memory: NDJSON lines, compressed as they are appended. */
final class OutputFile {

    private final String key;
    private final long startOffset;
    private final CompressionType compression;
    private final ChunkedBuffer bytes = new ChunkedBuffer();
    private final OutputStream out;
    private long uncompressedBytes;
    private int recordCount;
    private boolean finished;

    OutputFile(String key, long startOffset, CompressionType compression, int level) {
        this.key = key;
        this.startOffset = startOffset;
        this.compression = compression;
        try {
            this.out = compression.wrap(bytes, level);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void append(byte[] line) {
        if (finished) {
            throw new IllegalStateException("object " + key + " is already finished");
        }
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        uncompressedBytes += line.length + 1;
        recordCount++;
    }

    /** Finishes the object (once); its bytes are then {@link #content()}. */
    ChunkedBuffer finish() {
        if (!finished) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            finished = true;
        }
        return bytes;
    }

    ChunkedBuffer content() {
        return finish();
    }

    /** Heap this file holds: its chunks, and the compressor's buffer while open. */
    long retainedBytes() {
        return bytes.capacity() + (finished ? 0 : compression.streamOverhead());
    }

    long uncompressedBytes() {
        return uncompressedBytes;
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
