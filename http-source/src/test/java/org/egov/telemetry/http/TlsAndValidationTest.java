package org.egov.telemetry.http;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class TlsAndValidationTest {

    private static Path keystore;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = TestKeystores.selfSigned();
    }

    @Test
    void listenerServesHttpsWithTheConfiguredKeystore() throws Exception {
        try (EdgeHarness edge = EdgeHarness.startTls(Map.of(TlsSettings.ENABLED, "true",
                TlsSettings.KEYSTORE_LOCATION, keystore.toString(),
                TlsSettings.KEYSTORE_PASSWORD, TestKeystores.PASSWORD), TestKeystores.trusting(keystore))) {
            CompletableFuture<HttpResponse<String>> answer = edge.post("{\"events\":[]}", Map.of());
            edge.pollAndCommit();
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.uri().getScheme()).isEqualTo("https");
        }
    }

    @Test
    void validateReportsAWrongKeystorePasswordOnThatKey() {
        Map<String, List<String>> errors = errors(Map.of(TlsSettings.ENABLED, "true",
                TlsSettings.KEYSTORE_LOCATION, keystore.toString(), TlsSettings.KEYSTORE_PASSWORD, "wrong"));
        assertThat(errors.get(TlsSettings.KEYSTORE_PASSWORD)).singleElement().asString().contains("cannot be opened");
    }

    @Test
    void validateReportsAMissingKeystoreFile() {
        Map<String, List<String>> errors = errors(Map.of(TlsSettings.ENABLED, "true",
                TlsSettings.KEYSTORE_LOCATION, "/nonexistent/edge.p12"));
        assertThat(errors.get(TlsSettings.KEYSTORE_LOCATION)).singleElement().asString().contains("not a readable file");
    }

    @Test
    void validateReportsAuthSettingsThatCannotWork() {
        assertThat(errors(Map.of(AuthSettings.MODE, "token")).get(AuthSettings.TOKENS)).isNotEmpty();
        assertThat(errors(Map.of(AuthSettings.MODE, "jwt", AuthSettings.JWT_PUBLIC_KEY_FILE, "/nonexistent.pem"))
                .get(AuthSettings.JWT_PUBLIC_KEY_FILE)).singleElement().asString().contains("cannot be read");
        assertThat(errors(Map.of(AuthSettings.MODE, "jwt", AuthSettings.JWT_SECRET, "short"))
                .get(AuthSettings.JWT_SECRET)).singleElement().asString().contains("32 bytes");
        assertThat(errors(Map.of(AuthSettings.MODE, "jwt", AuthSettings.JWT_PUBLIC_KEY, "garbage"))
                .get(AuthSettings.JWT_PUBLIC_KEY)).isNotEmpty();
    }

    @Test
    void validateReportsBadJwtSettingsOnTheirKeys() {
        assertThat(keysWithErrors(Map.of(AuthSettings.JWT_CLOCK_SKEW_SECONDS, "-1")))
                .containsExactly(AuthSettings.JWT_CLOCK_SKEW_SECONDS);
        assertThat(keysWithErrors(Map.of(AuthSettings.JWT_AUDIENCE, "telemetry,,portal")))
                .containsExactly(AuthSettings.JWT_AUDIENCE);
        assertThat(keysWithErrors(Map.of(AuthSettings.JWT_AUDIENCE, "telemetry,telemetry")))
                .containsExactly(AuthSettings.JWT_AUDIENCE);
        assertThat(keysWithErrors(Map.of(AuthSettings.JWT_REQUIRE_EXP, "sometimes")))
                .containsExactly(AuthSettings.JWT_REQUIRE_EXP);
        assertThat(keysWithErrors(Map.of(AuthSettings.MODE, "jwt", AuthSettings.JWT_PUBLIC_KEY, "garbage",
                AuthSettings.JWT_PUBLIC_KEY_FILE, "/nonexistent.pem"))).containsExactly(AuthSettings.JWT_PUBLIC_KEY_FILE);
        assertThat(keysWithErrors(Map.of(AuthSettings.MODE, "jwt"))).containsExactly(AuthSettings.JWT_SECRET);
        assertThat(keysWithErrors(Map.of(AuthSettings.MODE, "jwt", AuthSettings.JWT_SECRET,
                "a-shared-secret-of-at-least-32-bytes!", AuthSettings.JWT_AUDIENCE, "telemetry, portal",
                AuthSettings.JWT_REQUIRE_EXP, "false", AuthSettings.JWT_CLOCK_SKEW_SECONDS, "0"))).isEmpty();
    }

    @Test
    void validateReportsBadPortsPathsAndModes() {
        assertThat(errors(Map.of(HttpSourceConfig.PORT, "70000")).get(HttpSourceConfig.PORT)).isNotEmpty();
        assertThat(errors(Map.of(HttpSourceConfig.PATHS, "v1/telemetry")).get(HttpSourceConfig.PATHS)).isNotEmpty();
        assertThat(errors(Map.of(HttpSourceConfig.PATHS, "/health")).get(HttpSourceConfig.PATHS)).isNotEmpty();
        assertThat(errors(Map.of(AuthSettings.MODE, "basic")).get(AuthSettings.MODE)).isNotEmpty();
        assertThat(errors(Map.of(HttpSourceConfig.TRUSTED_PROXIES, "not-an-ip")).get(HttpSourceConfig.TRUSTED_PROXIES))
                .isNotEmpty();
        assertThat(errors(Map.of()).values()).allSatisfy(list -> assertThat(list).isEmpty());
    }

    private static List<String> keysWithErrors(Map<String, String> overrides) {
        return errors(overrides).entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .sorted().toList();
    }

    private static Map<String, List<String>> errors(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "edge");
        props.put(HttpSourceConfig.TOPIC, "batches");
        props.putAll(overrides);
        Config config = new TelemetryHttpSourceConnector().validate(props);
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            errors.put(value.name(), value.errorMessages());
        }
        return errors;
    }
}
