package org.egov.telemetry.replay;

import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReferenceTest {

    @Test
    void configReferenceInDocsMatchesTheConfigDef() {
        String page = ConfigDocs.toMarkdown("ArchiveReplaySourceConnector configuration",
                "Class: `" + ArchiveReplaySourceConnector.class.getName() + "`. Operating guide: "
                        + "[../replay.md](../replay.md).", ReplaySourceConfig.CONFIG_DEF);
        assertThat(ConfigDocs.compareOrWrite(Path.of("../docs/config/replay-source.md"), page)).isNull();
    }

    private static Map<String, String> props(String... pairs) {
        Map<String, String> props = new HashMap<>(Map.of("s3.bucket.name", "archive"));
        for (int i = 0; i < pairs.length; i += 2) {
            props.put(pairs[i], pairs[i + 1]);
        }
        return props;
    }

    @Test
    void aRangeOrAPrefixIsNeededAndNotBoth() {
        assertThat(new ReplaySourceConfig(props()).problems()).containsKey(ReplaySourceConfig.FROM_DATE);
        assertThat(new ReplaySourceConfig(props("replay.from.date", "2026-11-01", "replay.to.date", "2026-11-30",
                "replay.prefix", "topics/")).problems()).containsKey(ReplaySourceConfig.PREFIX);
        assertThat(new ReplaySourceConfig(props("replay.from.date", "2026-11-02", "replay.to.date", "2026-11-01"))
                .problems()).containsKey(ReplaySourceConfig.TO_DATE);
        assertThat(new ReplaySourceConfig(props("replay.from.date", "2026-11-01")).problems())
                .containsKey(ReplaySourceConfig.TO_DATE);
        assertThat(new ReplaySourceConfig(props("replay.prefix", "topics/x/partition=0/")).problems()).isEmpty();
        ReplaySourceConfig days = new ReplaySourceConfig(props("replay.from.date", "2026-11-01",
                "replay.to.date", "2026-11-02"));
        assertThat(days.problems()).isEmpty();
        assertThat(days.range().prefixes()).containsExactly("topics/telemetry-deduped-messages/dt=2026-11-01/",
                "topics/telemetry-deduped-messages/dt=2026-11-02/");
        assertThat(days.toleratesErrors()).isFalse();
    }

    @Test
    void aPathFormatWithoutADayFolderIsRefusedForARange() {
        assertThat(new ReplaySourceConfig(props("replay.from.date", "2026-11-01", "replay.to.date", "2026-11-01",
                "path.format", "'hr'=HH")).problems()).containsKey(ReplaySourceConfig.PATH_FORMAT);
    }
}
