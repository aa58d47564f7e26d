package org.egov.telemetry.validate;

import com.fasterxml.jackson.databind.JsonNode;
import org.egov.telemetry.core.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTreesTest {

    @Test
    void buildsTheSameTreeAsJacksonForEveryKindOfSchemalessValue() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>(Json.parseObject("""
                {"eid":"START","ets":1732780800000,"ver":"3.0","flag":true,"nothing":null,"ratio":0.25,
                 "big":123456789012345678901234567890,"context":{"cdata":[{"id":"a","type":"b"}],"tags":[]},
                 "edata":{"duration":12,"nested":[[1,2],[3.5,"x"]]}}"""));
        value.put("int", 7);
        value.put("short", (short) 3);
        value.put("byte", (byte) 1);
        value.put("float", 1.5f);
        value.put("decimal", new BigDecimal("10.50"));
        value.put("bigint", BigInteger.TEN.pow(30));
        value.put("list", Arrays.asList("a", null, 2L));
        value.put("bytes", new byte[] {1, 2, 3});

        JsonNode expected = Json.mapper().valueToTree(value);
        JsonNode built = JsonTrees.of(value);
        for (String field : value.keySet()) {
            assertThat(built.get(field)).as(field).isEqualTo(expected.get(field));
            assertThat(built.get(field).getNodeType()).as(field).isEqualTo(expected.get(field).getNodeType());
        }
        assertThat(built).isEqualTo(expected);
        assertThat(JsonTrees.of(value).get("int").isInt()).isTrue();
        assertThat(JsonTrees.of(value).get("ets").isLong()).isTrue();
        assertThat(JsonTrees.of(List.of())).isEqualTo(Json.mapper().valueToTree(List.of()));
    }
}
