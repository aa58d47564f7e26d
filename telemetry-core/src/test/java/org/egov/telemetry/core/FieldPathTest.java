package org.egov.telemetry.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathTest {

    private final Map<String, Object> event = Map.of("edata", Map.of("cityId", "pb.amritsar", "n", 7, "ok", true,
            "blank", " "), "eid", "START");

    @Test
    void readsAlongTheSegments() {
        assertThat(FieldPath.of("edata.cityId").read(event)).isEqualTo("pb.amritsar");
        assertThat(FieldPath.of(" eid ").segments()).containsExactly("eid");
        assertThat(FieldPath.of("eid.x").read(event)).isNull();
        assertThat(FieldPath.of("edata.missing").read(event)).isNull();
    }

    @Test
    void textIsANonBlankStringOrANumberAndScalarsAddBooleans() {
        assertThat(FieldPath.of("edata.n").readText(event)).isEqualTo("7");
        assertThat(FieldPath.of("edata.blank").readText(event)).isNull();
        assertThat(FieldPath.of("edata.ok").readText(event)).isNull();
        assertThat(FieldPath.of("edata.ok").readScalar(event)).isEqualTo("true");
        assertThat(FieldPath.of("edata").readScalar(event)).isNull();
    }

    @Test
    void ofRefusesEmptySegmentsAndParseTakesBlankAsNone() {
        for (String bad : new String[] {"", " ", ".a", "a.", "a..b", null}) {
            assertThatThrownBy(() -> FieldPath.of(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dotted field path");
        }
        assertThat(FieldPath.parse("  ")).isNull();
        assertThat(FieldPath.parse("context.did")).hasToString("context.did");
    }
}
