package org.egov.telemetry.http;

import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReferenceTest {

    @Test
    void configReferenceInDocsMatchesTheConfigDef() {
        String page = ConfigDocs.toMarkdown("TelemetryHttpSourceConnector configuration",
                "Class: `" + TelemetryHttpSourceConnector.class.getName() + "`. Operating guide: "
                        + "[../http-source.md](../http-source.md).", HttpSourceConfig.CONFIG_DEF);
        assertThat(ConfigDocs.compareOrWrite(Path.of("../docs/config/http-source.md"), page)).isNull();
    }
}
