package org.egov.telemetry.core;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryJsonConverterTest {

    private static final String BATCH = "{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"m-1\"},"
            + "\"ets\":1700000000000,\"big\":123456789012345678901234567890,\"ratio\":0.25,"
            + "\"events\":[{\"eid\":\"START\",\"mid\":\"e-1\",\"edata\":{\"type\":\"app\",\"tags\":[\"a\",null,true]}}]}";

    @Test
    void writesTheCarriedBytesAndTheyReadBackAsTheSameValueJsonConverterWrites() throws Exception {
        SerializedJsonObject value = SerializedJsonObject.of(Json.parseObject(BATCH));
        TelemetryJsonConverter ours = converter(new TelemetryJsonConverter(), false);
        JsonConverter stock = converter(new JsonConverter(), false);

        byte[] written = ours.fromConnectData("t", null, value);

        assertThat(written).isSameAs(value.json());
        Object ourValue = stock.toConnectData("t", written).value();
        Object stockValue = stock.toConnectData("t", stock.fromConnectData("t", null, new LinkedHashMap<>(value)))
                .value();
        assertThat(ourValue).isEqualTo(stockValue);
        assertThat(((Map<?, ?>) ourValue).get("big")).isEqualTo("123456789012345678901234567890");
    }

    @Test
    void serialisesEveryOtherValueAsJsonConverterDoes() throws Exception {
        TelemetryJsonConverter ours = converter(new TelemetryJsonConverter(), false);
        JsonConverter stock = converter(new JsonConverter(), false);
        Map<String, Object> plain = new LinkedHashMap<>(Json.parseObject("{\"a\":1,\"b\":[\"x\"]}"));

        assertThat(ours.fromConnectData("t", null, plain)).isEqualTo(stock.fromConnectData("t", null, plain));
        assertThat(ours.fromConnectData("t", Schema.STRING_SCHEMA, "text"))
                .isEqualTo(stock.fromConnectData("t", Schema.STRING_SCHEMA, "text"));
        assertThat(ours.fromConnectData("t", null, null)).isNull();
    }

    @Test
    void withSchemasEnabledTheEnvelopeIsWrittenAsJsonConverterWritesIt() throws Exception {
        SerializedJsonObject value = SerializedJsonObject.of(Json.parseObject("{\"a\":1}"));
        TelemetryJsonConverter ours = converter(new TelemetryJsonConverter(), true);
        JsonConverter stock = converter(new JsonConverter(), true);

        byte[] written = ours.fromConnectData("t", null, value);

        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"schema\"").contains("\"payload\"");
        assertThat(written).isEqualTo(stock.fromConnectData("t", null, new LinkedHashMap<>(value)));
    }

    @Test
    void theValueAndEverythingInItIsReadOnly() throws Exception {
        SerializedJsonObject value = SerializedJsonObject.of(Json.parseObject(BATCH));

        assertThatThrownBy(() -> value.put("mid", "x")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) value.get("params");
        assertThatThrownBy(() -> params.put("msgid", "x")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> events = (List<Object>) value.get("events");
        assertThatThrownBy(() -> events.add(Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Json.parseObject(value.json())).isEqualTo(value);
    }

    private static <C extends JsonConverter> C converter(C converter, boolean schemas) {
        converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
        return converter;
    }

    @Test
    void isVersionedWithTheBundlesVersion() {
        assertThat(new TelemetryJsonConverter()).isInstanceOf(org.apache.kafka.connect.components.Versioned.class);
        assertThat(new TelemetryJsonConverter().version()).isEqualTo(Version.get()).isNotBlank();
    }
}
