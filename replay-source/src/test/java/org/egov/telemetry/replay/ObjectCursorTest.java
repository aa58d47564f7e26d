package org.egov.telemetry.replay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectCursorTest {

    private static final String LINES = "{\"a\":1}\n{\"b\": 2 }\r\n{\"c\":3}\n";

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static List<String> read(ObjectCursor cursor, List<ReplayPosition> positions) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ObjectCursor.Line line = cursor.next(); line != null; line = cursor.next()) {
            lines.add(new String(line.bytes(), StandardCharsets.UTF_8));
            positions.add(line.position());
        }
        return lines;
    }

    @Test
    void linesComeUnchangedWithTheLastOneMarked() throws IOException {
        List<ReplayPosition> positions = new ArrayList<>();
        ObjectCursor cursor = ObjectCursor.open(new ByteArrayInputStream(gzip(LINES)), true, 0);
        assertThat(read(cursor, positions)).containsExactly("{\"a\":1}", "{\"b\": 2 }", "{\"c\":3}");
        assertThat(positions).containsExactly(new ReplayPosition(1, false), new ReplayPosition(2, false),
                new ReplayPosition(3, true));
    }

    @Test
    void resumesAfterTheLinesReplayedBefore() throws IOException {
        List<ReplayPosition> positions = new ArrayList<>();
        ObjectCursor cursor = ObjectCursor.open(new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)),
                false, 2);
        assertThat(read(cursor, positions)).containsExactly("{\"c\":3}");
        assertThat(positions).containsExactly(new ReplayPosition(3, true));
    }

    @Test
    void aTruncatedGzipGivesEveryWholeLineBeforeItFails() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("{\"line\":").append(i).append(",\"pad\":\"").append("x".repeat(i % 50)).append("\"}\n");
        }
        byte[] whole = gzip(text.toString());
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        ObjectCursor cursor = ObjectCursor.open(new ByteArrayInputStream(truncated), true, 0);
        List<String> lines = new ArrayList<>();
        assertThatThrownBy(() -> {
            for (ObjectCursor.Line line = cursor.next(); line != null; line = cursor.next()) {
                lines.add(new String(line.bytes(), StandardCharsets.UTF_8));
                assertThat(line.position().complete()).isFalse();
            }
        }).isInstanceOf(EOFException.class);
        assertThat(lines).isNotEmpty().hasSizeLessThan(2000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith("{\"line\":" + i + ",").endsWith("\"}");
        }
        assertThat(cursor.lines()).isEqualTo(lines.size());
    }
}
