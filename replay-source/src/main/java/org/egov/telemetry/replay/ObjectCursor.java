package org.egov.telemetry.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads one archive object line by line, one line ahead, so that each line knows whether it is the object's last.
 * A read failure behind a line is kept until that line has been handed out, so no line read whole is lost.
 */
final class ObjectCursor implements Closeable {

    /** One line and its position: the number of lines of the object up to and including it. */
    record Line(byte[] bytes, ReplayPosition position) {
    }

    private final LineReader reader;
    private long lines;
    private byte[] ahead;
    private IOException failureAhead;

    private ObjectCursor(LineReader reader) {
        this.reader = reader;
    }

    /** Opens the object's stream (ungzipped by its extension) and skips the lines replayed before. */
    static ObjectCursor open(InputStream stream, boolean gzip, long skip) throws IOException {
        InputStream in = stream;
        try {
            if (gzip) {
                in = new GZIPInputStream(stream, 64 * 1024);
            }
            ObjectCursor cursor = new ObjectCursor(new LineReader(in));
            while (cursor.lines < skip && cursor.reader.next() != null) {
                cursor.lines++;
            }
            cursor.readAhead();
            return cursor;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private void readAhead() {
        try {
            ahead = reader.next();
        } catch (IOException e) {
            ahead = null;
            failureAhead = e;
        }
    }

    /**
     * @return the next line, or null at the end of the object
     * @throws IOException when the object cannot be read further
     */
    Line next() throws IOException {
        if (ahead == null) {
            if (failureAhead != null) {
                throw failureAhead;
            }
            return null;
        }
        byte[] line = ahead;
        readAhead();
        lines++;
        return new Line(line, new ReplayPosition(lines, ahead == null && failureAhead == null));
    }

    /** Lines handed out so far, counting those skipped at open. */
    long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
