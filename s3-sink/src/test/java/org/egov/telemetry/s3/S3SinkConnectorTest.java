package org.egov.telemetry.s3;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class S3SinkConnectorTest {

    private final S3SinkConnector connector = new S3SinkConnector();

    @Test
    void validatePinsTheCredentialsPairErrorToTheMissingKey() {
        Config result = connector.validate(Records.config("aws.secret.access.key", "s3cr3t"));

        assertThat(errors(result, "aws.access.key.id")).singleElement().asString()
                .contains("must be set when aws.secret.access.key is set");
        assertThat(errors(result, "aws.secret.access.key")).isEmpty();
    }

    @Test
    void validateReportsSingleKeyErrorsOnTheirKey() {
        Config result = connector.validate(Records.config("flush.size", "0"));

        assertThat(errors(result, "flush.size")).isNotEmpty();
    }

    @Test
    void validConfigHasNoErrors() {
        Config result = connector.validate(Records.config("store.url", "http://127.0.0.1:9000"));

        assertThat(result.configValues()).allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
    }

    @Test
    void everyTaskGetsTheConnectorConfig() {
        Map<String, String> props = Records.config();
        connector.start(props);

        List<Map<String, String>> tasks = connector.taskConfigs(3);

        assertThat(tasks).hasSize(3).allSatisfy(task -> assertThat(task).isEqualTo(props));
        assertThat(connector.taskClass()).isEqualTo(S3SinkTask.class);
    }

    @Test
    void isListedForServiceLoadingAndReportsAVersion() {
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(S3SinkConnector.class);
        assertThat(connector.version()).isNotBlank().isNotEqualTo("unknown");
    }

    private static List<String> errors(Config config, String key) {
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElseThrow();
    }
}
