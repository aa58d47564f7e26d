package org.egov.telemetry.dedup;

import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReferenceTest {

    @Test
    void configReferenceInDocsMatchesTheConfigDef() {
        String page = ConfigDocs.toMarkdown("DeduplicateTelemetry configuration",
                "Class: `" + DeduplicateTelemetry.class.getName() + "`. Operating guide: "
                        + "[../smt-dedup.md](../smt-dedup.md).\n\n" + DeduplicateTelemetry.OVERVIEW_DOC,
                DeduplicateTelemetry.CONFIG_DEF);
        assertThat(ConfigDocs.compareOrWrite(Path.of("../docs/config/smt-dedup.md"), page)).isNull();
    }
}
