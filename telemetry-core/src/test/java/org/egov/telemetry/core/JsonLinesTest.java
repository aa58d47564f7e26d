package org.egov.telemetry.core;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesTest {

    @Test
    void byteArrayJsonIsWrittenThroughAsTheSameBytes() {
        byte[] json = "{\"b\":2,  \"a\":1.50}".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonLines.toLine(json, "testing")).isSameAs(json);
    }

    @Test
    void stringJsonIsWrittenThroughUnchanged() {
        String json = "{\"z\":\"\u00e9\",  \"a\":1e3}";

        assertThat(new String(JsonLines.toLine(json, "testing"), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void lineBreaksBetweenTokensBecomeSpacesSoARecordStaysOnOneLine() {
        byte[] pretty = "{\n  \"a\": \"x\\ny\"\r\n}".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(JsonLines.toLine(pretty, "testing"), StandardCharsets.UTF_8)).isEqualTo("{   \"a\": \"x\\ny\"  }");
    }

    @Test
    void mapIsSerialisedOnce() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mid", "m1");
        map.put("syncts", 5L);
        map.put("events", List.of(Map.of("eid", "START")));

        assertThat(new String(JsonLines.toLine(map, "testing"), StandardCharsets.UTF_8))
                .isEqualTo("{\"mid\":\"m1\",\"syncts\":5,\"events\":[{\"eid\":\"START\"}]}");
    }

    @Test
    void nullAndEmptyValuesHaveNoLine() {
        assertThat(JsonLines.toLine(null, "testing")).isNull();
        assertThat(JsonLines.toLine(new byte[0], "testing")).isNull();
        assertThat(JsonLines.toLine("", "testing")).isNull();
    }

    @Test
    void structValuesAreRejectedWithAHint() {
        Schema schema = SchemaBuilder.struct().field("mid", Schema.STRING_SCHEMA).build();

        assertThatThrownBy(() -> JsonLines.toLine(new Struct(schema).put("mid", "m1"), "testing"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Struct")
                .hasMessageContaining("schemas.enable=false");
    }

    @Test
    void otherTypesAreRejectedNamingTheType() {
        assertThatThrownBy(() -> JsonLines.toLine(42, "testing"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void checkedCompactJsonIsWrittenThroughAsTheSameBytes() {
        byte[] json = "{\"a\":[1,2.5,\"x\\ny\"],\"b\":null}".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonLines.toCheckedLine(json, "testing")).isSameAs(json);
    }

    @Test
    void checkedPrettyJsonIsPutOnOneLineWhetherItBreaksLinesWithLfCrOrBoth() {
        for (String pretty : List.of("{\n\"a\": 1\n}\n", "{\r\"a\": 1\r}", "{\r\n\"a\": 1\r\n}", "[1,\n2]")) {
            byte[] line = JsonLines.toCheckedLine(pretty, "testing");

            assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain("\n", "\r")
                    .isEqualTo(pretty.replace('\n', ' ').replace('\r', ' '));
        }
    }

    @Test
    void checkedLinesRefuseWhatIsNotExactlyOneJsonValueWithoutQuotingIt() {
        for (String bad : List.of("{\"secret\":", "{\"a\":1} {\"b\":2}", "not json", "{\"a\":\"x\ny\"}", "{'a':1}")) {
            assertThatThrownBy(() -> JsonLines.toCheckedLine(bad.getBytes(StandardCharsets.UTF_8), "testing"))
                    .as(bad).isInstanceOf(DataException.class).hasMessageStartingWith("The value is not")
                    .hasMessageNotContaining("secret");
        }
        assertThat(JsonLines.toCheckedLine(" \n ", "testing")).isNull();
        assertThat(JsonLines.toCheckedLine(Map.of("a", 1), "testing")).isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstLineBreakIsFoundAtEveryPositionAndLengthAndNoOtherByteIsTakenForOne() {
        byte[] nearMisses = {(byte) 0x8A, 0x0B, (byte) 0x8D, 0x0C, 0x09, 0x0E, 0x2A};   // high bit set, neighbours
        for (int length = 0; length <= 40; length++) {
            byte[] plain = new byte[length];
            for (int i = 0; i < length; i++) {
                plain[i] = nearMisses[i % nearMisses.length];
            }
            assertThat(JsonLines.firstLineBreak(plain)).as("length " + length).isEqualTo(-1);
            for (int at = 0; at < length; at++) {
                for (byte lineBreak : new byte[] {'\n', '\r'}) {
                    byte[] bytes = plain.clone();
                    bytes[at] = lineBreak;
                    if (at + 3 < length) {
                        bytes[at + 3] = '\n';
                    }
                    assertThat(JsonLines.firstLineBreak(bytes)).as("length " + length + " at " + at).isEqualTo(at);
                }
            }
        }
    }
}
