package org.egov.telemetry.s3;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkedBufferTest {

    @Test
    void rangesAcrossChunksReadBackWhatWasWritten() throws IOException {
        byte[] data = new byte[3 * ChunkedBuffer.LARGEST_CHUNK + 12_345];
        new Random(1).nextBytes(data);
        ChunkedBuffer buffer = new ChunkedBuffer();
        for (int from = 0; from < data.length; from += 777) {
            buffer.write(data, from, Math.min(777, data.length - from));
        }

        assertThat(buffer.size()).isEqualTo(data.length);
        assertThat(buffer.toByteArray()).isEqualTo(data);
        try (InputStream part = buffer.read(5_000, 2 * ChunkedBuffer.LARGEST_CHUNK)) {
            assertThat(part.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 5_000, 5_000 + 2 * ChunkedBuffer.LARGEST_CHUNK));
        }
    }

    @Test
    void capacityGrowsInDoublingChunksNotByCopying() {
        ChunkedBuffer buffer = new ChunkedBuffer();
        buffer.write(1);
        assertThat(buffer.capacity()).isEqualTo(ChunkedBuffer.FIRST_CHUNK);

        buffer.write(new byte[ChunkedBuffer.FIRST_CHUNK], 0, ChunkedBuffer.FIRST_CHUNK);

        assertThat(buffer.capacity()).isEqualTo(3L * ChunkedBuffer.FIRST_CHUNK);
    }
}
