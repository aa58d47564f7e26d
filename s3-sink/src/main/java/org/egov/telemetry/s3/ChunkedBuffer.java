package org.egov.telemetry.s3;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory byte sink made of chunks that double in size up to a limit, so that growing never copies what
 * is already written and a finished object can be read in ranges (parts) without one big array.
 */
final class ChunkedBuffer extends OutputStream {

    static final int FIRST_CHUNK = 4 * 1024;
    /**
     * Below half of G1's smallest region (1 MiB), so that no chunk is a humongous object, which G1 places in
     * regions of its own outside the young generation: with a Connect worker's usual heap of 1–2 GiB, 512 KiB
     * or 1 MiB chunks would be.
     */
    static final int LARGEST_CHUNK = 256 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    private long capacity;
    private int nextChunkSize = FIRST_CHUNK;

    @Override
    public void write(int b) {
        ensureRoom();
        byte[] last = chunks.get(chunks.size() - 1);
        last[(int) (size - (capacity - last.length))] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            ensureRoom();
            byte[] last = chunks.get(chunks.size() - 1);
            int at = (int) (size - (capacity - last.length));
            int n = Math.min(length, last.length - at);
            System.arraycopy(bytes, offset, last, at, n);
            offset += n;
            length -= n;
            size += n;
        }
    }

    private void ensureRoom() {
        if (size == capacity) {
            byte[] chunk = new byte[nextChunkSize];
            chunks.add(chunk);
            capacity += chunk.length;
            nextChunkSize = Math.min(LARGEST_CHUNK, nextChunkSize * 2);
        }
    }

    long size() {
        return size;
    }

    /** Heap held by the chunks, written or not. */
    long capacity() {
        return capacity;
    }

    /** A fresh stream over {@code length} bytes starting at {@code from}; the buffer must not change meanwhile. */
    InputStream read(long from, long length) {
        if (from < 0 || length < 0 || from + length > size) {
            throw new IndexOutOfBoundsException("range " + from + "+" + length + " of " + size);
        }
        return new InputStream() {
            private long position = from;
            private final long end = from + length;

            @Override
            public int read() {
                if (position >= end) {
                    return -1;
                }
                byte[] one = new byte[1];
                read(one, 0, 1);
                return one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int len) {
                if (position >= end) {
                    return -1;
                }
                int copied = 0;
                while (copied < len && position < end) {
                    int chunkIndex = chunkOf(position);
                    long chunkStart = startOf(chunkIndex);
                    byte[] chunk = chunks.get(chunkIndex);
                    int at = (int) (position - chunkStart);
                    int n = (int) Math.min(Math.min(len - copied, chunk.length - at), end - position);
                    System.arraycopy(chunk, at, target, offset + copied, n);
                    copied += n;
                    position += n;
                }
                return copied;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, end - position);
            }
        };
    }

    /** All bytes as one array (for tests and small objects). */
    byte[] toByteArray() {
        try (InputStream in = read(0, size)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int chunkOf(long position) {
        long start = 0;
        for (int i = 0; i < chunks.size(); i++) {
            long end = start + chunks.get(i).length;
            if (position < end) {
                return i;
            }
            start = end;
        }
        throw new IndexOutOfBoundsException(Long.toString(position));
    }

    private long startOf(int chunkIndex) {
        long start = 0;
        for (int i = 0; i < chunkIndex; i++) {
            start += chunks.get(i).length;
        }
        return start;
    }
}
