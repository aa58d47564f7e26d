package org.egov.telemetry.validate;

import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReferenceTest {

    @Test
    void configReferenceInDocsMatchesTheConfigDef() {
        String page = ConfigDocs.toMarkdown("ValidateTelemetry configuration",
                "Class: `" + ValidateTelemetry.class.getName() + "`. Operating guide: "
                        + "[../smt-validate.md](../smt-validate.md).\n\n" + ValidateTelemetry.OVERVIEW_DOC,
                ValidateTelemetry.CONFIG_DEF);
        assertThat(ConfigDocs.compareOrWrite(Path.of("../docs/config/smt-validate.md"), page)).isNull();
    }
}
