package org.egov.telemetry.unbundle;

import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReferenceTest {

    @Test
    void configReferenceInDocsMatchesTheConfigDef() {
        String page = ConfigDocs.toMarkdown("UnbundleSourceConnector configuration",
                "Class: `" + UnbundleSourceConnector.class.getName() + "`. Operating guide: "
                        + "[../unbundle-source.md](../unbundle-source.md).", UnbundleSourceConfig.CONFIG_DEF);
        assertThat(ConfigDocs.compareOrWrite(Path.of("../docs/config/unbundle-source.md"), page)).isNull();
    }
}
