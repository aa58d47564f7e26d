package org.egov.telemetry.http;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class CorsAndClientAddressTest {

    private static final String BATCH = "{\"id\":\"x\",\"events\":[]}";
    private EdgeHarness edge;

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void preflightFromAnyOriginIsAnsweredByDefault() throws Exception {
        edge = EdgeHarness.start(Map.of());
        HttpResponse<String> preflight = preflight("https://amritsar.example.org");
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://amritsar.example.org");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("x-device-id").contains("x-channel-id").contains("x-app-id").contains("authorization")
                .contains("datatype");
        assertThat(edge.task.poll()).isNull();
    }

    @Test
    void onlyConfiguredOriginsAreAllowed() throws Exception {
        edge = EdgeHarness.start(Map.of(CorsSettings.ALLOWED_ORIGINS, "https://*.example.org"));
        assertThat(preflight("https://pb.example.org").headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://pb.example.org");
        assertThat(preflight("https://evil.test").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() throws Exception {
        edge = EdgeHarness.start(Map.of());
        assertThat(clientIpOf(Map.of("X-Forwarded-For", "203.0.113.9"))).isEqualTo("127.0.0.1");
        edge.close();
        edge = EdgeHarness.start(Map.of(HttpSourceConfig.TRUSTED_PROXIES, "127.0.0.0/8,10.0.0.0/8"));
        assertThat(clientIpOf(Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.9, 10.1.2.3")))
                .isEqualTo("203.0.113.9");
        assertThat(clientIpOf(Map.of())).isEqualTo("127.0.0.1");
    }

    private String clientIpOf(Map<String, String> headers) throws Exception {
        CompletableFuture<HttpResponse<String>> answer = edge.post(BATCH, headers);
        SourceRecord record = edge.pollAndCommit().get(0);
        assertThat(answer.get().statusCode()).isEqualTo(200);
        return (String) record.headers().lastWithName(IngestHeaders.CLIENT_IP).value();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return edge.send(HttpRequest.newBuilder(edge.uri("/v1/telemetry"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-device-id,x-channel-id,x-app-id"));
    }
}
