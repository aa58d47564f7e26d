package org.egov.telemetry.s3;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordLinesTest {

    private static final String TOPIC = "telemetry-deduped-messages";

    private static SinkRecord record(Object value) {
        return Records.record(TOPIC, 0, 0, value);
    }

    private static String line(RecordLines lines, Object value) {
        return new String(lines.toLine(record(value)), StandardCharsets.UTF_8);
    }

    @Test
    void checkedLinesRefuseTextThatIsNotOneJsonValue() {
        RecordLines checked = new RecordLines(true);

        assertThatThrownBy(() -> checked.toLine(record("{\"a\":")))
                .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> checked.toLine(record("{} {}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(DataException.class);
        assertThat(line(checked, "{\n \"a\": 1\n}")).isEqualTo("{  \"a\": 1 }");
    }

    @Test
    void uncheckedLinesWriteTextThroughUnreadButStillOnOneLine() {
        RecordLines unchecked = new RecordLines(false);
        byte[] json = "{\"a\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(unchecked.toLine(record(json))).isSameAs(json);
        assertThat(line(unchecked, "{\"a\":")).isEqualTo("{\"a\":");
        assertThat(line(unchecked, "not\r\njson")).isEqualTo("not  json");
    }

    @Test
    void mapsAreSerialisedEitherWay() {
        for (boolean check : new boolean[] {true, false}) {
            assertThat(line(new RecordLines(check), Map.of("a", 1))).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void blankTextIsNoLineEitherWay() {
        for (boolean check : new boolean[] {true, false}) {
            assertThat(new RecordLines(check).toLine(record(" \n"))).isNull();
        }
    }
}
