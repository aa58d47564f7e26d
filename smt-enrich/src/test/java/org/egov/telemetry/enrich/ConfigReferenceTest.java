package org.egov.telemetry.enrich;

import org.apache.kafka.common.config.ConfigDef;
import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReferenceTest {

    @Test
    void configReferenceInDocsMatchesTheConfigDef() {
        // The keys of each lookup, under a template prefix, as validate declares them for each listed name.
        ConfigDef reference = new ConfigDef(EnrichTelemetry.CONFIG_DEF);
        reference.embed(LookupConfig.prefix("<name>"), "Each lookup: lookup.&lt;name&gt;.*", 0,
                LookupConfig.CONFIG_DEF);
        String page = ConfigDocs.toMarkdown("EnrichTelemetry configuration",
                "Class: `" + EnrichTelemetry.class.getName() + "`. Operating guide: "
                        + "[../smt-enrich.md](../smt-enrich.md).\n\n" + EnrichTelemetry.OVERVIEW_DOC,
                reference);
        assertThat(ConfigDocs.compareOrWrite(Path.of("../docs/config/smt-enrich.md"), page)).isNull();
    }
}
