package org.egov.telemetry.http;

import org.egov.telemetry.core.Json;
import org.egov.telemetry.core.SerializedJsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StampedBytesTest {

    private static final long NOW = 1764300000123L;

    private static String stamped(String body, String deviceId) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> client = BatchBodies.parse(bytes);
        Map<String, Object> stamped = BatchStamp.stamp(client, deviceId, null, null, null, NOW);
        byte[] json = StampedBytes.of(stamped, client, bytes);
        return json == null ? null : new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void theClientsBytesFollowTheServersFieldsUnchanged() throws Exception {
        String body = "{\"id\":\"ekstep.telemetry\",\"ets\":1.50,\"events\":[{\"eid\":\"START\",\"x\":\"caf\\u00e9\","
                + "\"edata\":{\"duration\":\"0\",\"n\":1E3}}]}";
        String json = stamped(body, "device-1");
        assertThat(json).startsWith("{\"syncts\":" + NOW + ",\"mid\":\"").endsWith(",\"did\":\"device-1\","
                + body.substring(1));
        Map<String, Object> parsed = Json.parseObject(json);
        assertThat(parsed).containsEntry("syncts", NOW).containsEntry("did", "device-1").containsKey("mid")
                .containsEntry("ets", 1.5);
    }

    @Test
    void layoutAroundTheObjectIsLeftOutAndInsideItKept() throws Exception {
        String body = "\uFEFF \r\n{\n  \"id\": \"x\",\n  \"events\": []\n}\n\n";
        String json = stamped(body, null);
        assertThat(json).endsWith("\"," + "\n  \"id\": \"x\",\n  \"events\": []\n}");
        assertThat(Json.parseObject(json)).containsEntry("id", "x").containsEntry("syncts", NOW);
        assertThat(stamped(" { } ", null)).matches("\\{\"syncts\":\\d+,\"mid\":\"[^\"]+\" }");
    }

    @Test
    void aClientThatSendsAFieldOfTheServerIsSerialisedInstead() throws Exception {
        assertThat(stamped("{\"mid\":\"client-mid\",\"events\":[]}", null)).isNull();
        assertThat(stamped("{\"did\":\"client-device\",\"events\":[]}", "header-device")).isNull();
        assertThat(stamped("{\"syncts\":1,\"events\":[]}", null)).isNull();
    }

    @Test
    void integersBeyondSixtyFourBitsAreSerialisedAsTextAfterAll() throws Exception {
        String body = "{\"big\":123456789012345678901234567890,\"events\":[]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> client = BatchBodies.parse(bytes);
        Map<String, Object> stamped = BatchStamp.stamp(client, null, null, null, null, NOW);
        SerializedJsonObject value = SerializedJsonObject.of(stamped, StampedBytes.of(stamped, client, bytes));
        assertThat(new String(value.json(), StandardCharsets.UTF_8)).contains("\"big\":\"123456789012345678901234567890\"");
    }
}
