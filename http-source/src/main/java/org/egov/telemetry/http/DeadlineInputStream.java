package org.egov.telemetry.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails a read of the raw request body once a deadline has passed, whatever a decoder above it makes of the
 * bytes (a gzip stream of empty blocks yields none, yet keeps arriving).
 */
final class DeadlineInputStream extends FilterInputStream {

    /** The deadline passed. */
    static final class Expired extends IOException {
        Expired() {
            super("read deadline passed", null);
        }
    }

    private final long deadlineNanos;

    DeadlineInputStream(InputStream in, long deadlineNanos) {
        super(in);
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
        check();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        int n = super.read(b, off, len);
        check();
        return n;
    }

    private void check() throws Expired {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Expired();
        }
    }
}
