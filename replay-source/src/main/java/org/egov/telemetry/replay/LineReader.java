package org.egov.telemetry.replay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an NDJSON stream line by line as bytes, unchanged but for the line break ({@code \n}, or {@code \r\n}).
 * A last line without a line break is returned too.
 */
final class LineReader implements Closeable {

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

    LineReader(InputStream in) {
        this.in = new BufferedInputStream(in, 64 * 1024);
    }

    /** @return the next line, or null at the end of the stream */
    byte[] next() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return withoutCarriageReturn(line.toByteArray());
            }
            line.write(b);
        }
        return line.size() == 0 ? null : withoutCarriageReturn(line.toByteArray());
    }

    private static byte[] withoutCarriageReturn(byte[] bytes) {
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
