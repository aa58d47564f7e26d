package org.egov.telemetry.core;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigResultsTest {

    @Test
    void anErrorIsPinnedToItsKeyOrElseToTheFirstKey() {
        ConfigValue port = new ConfigValue("http.port");
        ConfigValue paths = new ConfigValue("http.paths");
        Config result = new Config(List.of(port, paths));
        assertThat(ConfigResults.eachKeyValid(result)).isTrue();

        ConfigResults.addError(result, "http.paths", "must start with /");
        ConfigResults.addError(result, "not.listed", "cannot open the key file");

        assertThat(paths.errorMessages()).containsExactly("must start with /");
        assertThat(port.errorMessages()).containsExactly("cannot open the key file");
        assertThat(ConfigResults.eachKeyValid(result)).isFalse();
    }
}
