package org.egov.telemetry.enrich;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrichTelemetryTest {

    static final String CHROME_ON_LINUX =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
    static final String SAMSUNG_PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36";

    @TempDir
    Path dir;

    static EnrichTelemetry<SourceRecord> smt(Map<String, String> props) {
        EnrichTelemetry<SourceRecord> smt = new EnrichTelemetry<>();
        smt.configure(props);
        return smt;
    }

    static SourceRecord record(Object value) {
        return new SourceRecord(null, null, "events", null, null, "mid-1", null, value, 1L);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> valueOf(SourceRecord record) {
        return (Map<String, Object>) record.value();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapAt(Map<String, Object> map, String field) {
        return (Map<String, Object>) map.get(field);
    }

    @Test
    void timestampIsMadeFromEtsInDigitFormat() {
        Map<String, Object> event = Map.of("eid", "START", "ets", 1_700_000_000_123L, "syncts", 1_800_000_000_000L);
        SourceRecord out = smt(Map.of()).apply(record(event));
        assertThat(valueOf(out)).containsEntry("@timestamp", "2023-11-14T22:13:20.123Z")
                .containsEntry("eid", "START");
        assertThat(event).doesNotContainKey("@timestamp");
        assertThat(out.key()).isEqualTo("mid-1");
    }

    @Test
    void timestampCanComeFromSyncts() {
        SourceRecord out = smt(Map.of("timestamp.source", "syncts"))
                .apply(record(Map.of("ets", 0L, "syncts", 1_700_000_000_000L)));
        assertThat(valueOf(out)).containsEntry("@timestamp", "2023-11-14T22:13:20.000Z");
    }

    @Test
    void eventWithoutEtsOrNotJsonIsLeftAloneAndCounted() {
        EnrichTelemetry<SourceRecord> smt = smt(Map.of());
        SourceRecord noEts = record(Map.of("eid", "END"));
        assertThat(smt.apply(noEts)).isSameAs(noEts);
        SourceRecord text = record("not json");
        assertThat(smt.apply(text)).isSameAs(text);
        SourceRecord stringEts = record(Map.of("ets", "1700000000000"));
        assertThat(valueOf(smt.apply(stringEts))).containsKey("@timestamp");
        assertThat(smt.count("timestamp", Enrichment.Outcome.MISSING_INPUT)).isEqualTo(1);
        assertThat(smt.count("timestamp", Enrichment.Outcome.ENRICHED)).isEqualTo(1);
    }

    @Test
    void jsonTextValuesAreEnrichedToo() {
        SourceRecord out = smt(Map.of()).apply(record("{\"eid\":\"START\",\"ets\":1700000000123}"));
        assertThat(valueOf(out)).containsEntry("@timestamp", "2023-11-14T22:13:20.123Z");
    }

    @Test
    void deviceDataComesFromDigitsEdataUserAgent() {
        Map<String, Object> event = Map.of("eid", "START", "edata", Map.of("userAgent", CHROME_ON_LINUX));
        SourceRecord out = smt(Map.of("timestamp.enabled", "false", "useragent.enabled", "true"))
                .apply(record(event));
        assertThat(mapAt(valueOf(out), "devicedata")).containsEntry("browser", "Chrome")
                .containsEntry("browserVersion", "120.0").containsEntry("os", "Linux")
                .containsEntry("deviceType", "Desktop").doesNotContainKey("osVersion");
        assertThat(event).doesNotContainKey("devicedata");
    }

    @Test
    void deviceDataFallsBackToTheEdgesUserAgentHeader() {
        SourceRecord in = new SourceRecord(null, null, "events", null, null, "mid-1", null,
                Map.of("eid", "START", "edata", Map.of()), 1L,
                new ConnectHeaders().addString("telemetry.client.user.agent", SAMSUNG_PHONE));
        SourceRecord out = smt(Map.of("useragent.enabled", "true")).apply(in);
        assertThat(mapAt(valueOf(out), "devicedata")).containsEntry("deviceType", "Phone")
                .containsEntry("deviceBrand", "Samsung").containsEntry("os", "Android")
                .containsEntry("osVersion", "13");
        assertThat(out.headers().lastWithName("telemetry.client.user.agent").value()).isEqualTo(SAMSUNG_PHONE);
    }

    @Test
    void eventWithoutUserAgentIsCountedAsMissingInput() {
        EnrichTelemetry<SourceRecord> smt = smt(Map.of("timestamp.enabled", "false", "useragent.enabled", "true"));
        SourceRecord in = record(Map.of("eid", "START"));
        assertThat(smt.apply(in)).isSameAs(in);
        assertThat(smt.count("useragent", Enrichment.Outcome.MISSING_INPUT)).isEqualTo(1);
    }

    @Test
    void tenancyComesFromCityIdOrElseTheChannel() {
        EnrichTelemetry<SourceRecord> smt = smt(Map.of("tenancy.enabled", "true"));
        Map<String, Object> digit = Map.of("edata", Map.of("cityId", "pb.amritsar"),
                "context", Map.of("channel", "pb"));
        assertThat(mapAt(valueOf(smt.apply(record(digit))), "tenant"))
                .containsExactly(Map.entry("tenantId", "pb.amritsar"), Map.entry("state", "pb"),
                        Map.entry("city", "amritsar"));
        Map<String, Object> stateLevel = Map.of("context", Map.of("channel", "pb"));
        assertThat(mapAt(valueOf(smt.apply(record(stateLevel))), "tenant"))
                .containsOnly(Map.entry("tenantId", "pb"), Map.entry("state", "pb"));
    }

    @Test
    void channelThatIsNoTenantIdLeavesTheEventAlone() {
        EnrichTelemetry<SourceRecord> smt = smt(Map.of("timestamp.enabled", "false", "tenancy.enabled", "true"));
        SourceRecord sunbird = record(Map.of("context", Map.of("channel", "0126684405014528002")));
        assertThat(smt.apply(sunbird)).isSameAs(sunbird);
        assertThat(smt.count("tenancy", Enrichment.Outcome.UNUSABLE)).isEqualTo(1);
        SourceRecord none = record(Map.of("eid", "END"));
        assertThat(smt.apply(none)).isSameAs(none);
        assertThat(smt.count("tenancy", Enrichment.Outcome.MISSING_INPUT)).isEqualTo(1);
    }

    @Test
    void lookupFromAJsonFileJoinsOnTheTenantIdAndFlagsTheEvent() throws IOException {
        Path table = dir.resolve("tenants.json");
        Files.writeString(table, "{\"pb.amritsar\":{\"districtName\":\"Amritsar\",\"stateName\":\"Punjab\"}}");
        EnrichTelemetry<SourceRecord> smt = smt(tenantLookup(table));
        Map<String, Object> flags = new HashMap<>(Map.of("pp_validation_processed", true));
        Map<String, Object> event = new HashMap<>(Map.of("edata", Map.of("cityId", "pb.amritsar"), "flags", flags));

        Map<String, Object> out = valueOf(smt.apply(record(event)));

        assertThat(mapAt(out, "tenantdata")).containsEntry("districtName", "Amritsar")
                .containsEntry("stateName", "Punjab");
        assertThat(mapAt(out, "flags")).containsEntry("tenant_denorm", true)
                .containsEntry("pp_validation_processed", true);
        assertThat(flags).containsOnlyKeys("pp_validation_processed");
        assertThat(event).containsOnlyKeys("edata", "flags");
        assertThat(smt.count("lookup-tenant", Enrichment.Outcome.ENRICHED)).isEqualTo(1);
    }

    @Test
    void lookupMissIsFlaggedFalseAndCounted() throws IOException {
        Path table = dir.resolve("tenants.json");
        Files.writeString(table, "{\"pb.amritsar\":{\"districtName\":\"Amritsar\"}}");
        EnrichTelemetry<SourceRecord> smt = smt(tenantLookup(table));
        Map<String, Object> out = valueOf(smt.apply(record(Map.of("edata", Map.of("cityId", "pb.patiala")))));
        assertThat(out).doesNotContainKey("tenantdata");
        assertThat(mapAt(out, "flags")).containsEntry("tenant_denorm", false);
        assertThat(smt.count("lookup-tenant", Enrichment.Outcome.NOT_FOUND)).isEqualTo(1);
        smt.apply(record(Map.of("eid", "END")));
        assertThat(smt.count("lookup-tenant", Enrichment.Outcome.MISSING_INPUT)).isEqualTo(1);
    }

    @Test
    void lookupFromACsvFileKeysOnTheNamedColumn() throws IOException {
        Path table = dir.resolve("users.csv");
        Files.writeString(table, "district,userId,role\nAmritsar,u-1,citizen\nPatiala,u-2,employee\n");
        Map<String, String> props = Map.of("timestamp.enabled", "false", "lookups", "user",
                "lookup.user.key.field", "actor.id", "lookup.user.target.field", "userdata",
                "lookup.user.file", table.toString(), "lookup.user.file.key.column", "userId");
        Map<String, Object> out = valueOf(smt(props).apply(record(Map.of("actor", Map.of("id", "u-2")))));
        assertThat(mapAt(out, "userdata")).containsEntry("role", "employee").containsEntry("district", "Patiala")
                .containsEntry("userId", "u-2");
        assertThat(mapAt(out, "flags")).containsEntry("user_denorm", true);
    }

    @Test
    void targetThatIsNotAnObjectIsLeftAloneWithoutFailingTheRecord() throws IOException {
        Path table = dir.resolve("tenants.json");
        Files.writeString(table, "{\"pb.amritsar\":{\"districtName\":\"Amritsar\"}}");
        EnrichTelemetry<SourceRecord> smt = smt(tenantLookup(table));
        Map<String, Object> event = Map.of("edata", Map.of("cityId", "pb.amritsar"), "flags", "not an object",
                "tenant", 42);
        SourceRecord out = smt.apply(record(event));
        assertThat(valueOf(out)).containsEntry("flags", "not an object").containsEntry("tenant", 42);
        assertThat(smt.count("tenancy", Enrichment.Outcome.UNUSABLE)).isEqualTo(1);
    }

    @Test
    void missingTableFileIsAConfigErrorNamingItsKey() {
        assertThatThrownBy(() -> smt(tenantLookup(dir.resolve("absent.json"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lookup.tenant.file");
        assertThatThrownBy(() -> smt(Map.of("lookups", "x", "lookup.x.key.field", "a", "lookup.x.target.field", "b",
                "lookup.x.source", "topic"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lookup.x.topic");
        assertThatThrownBy(() -> smt(Map.of("tenancy.pattern", "[a-z]+")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("state");
        assertThatThrownBy(() -> smt(Map.of("useragent.target.field", "a..b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("useragent.target.field");
    }

    @Test
    void countersArePublishedAsPluginMetrics() throws IOException {
        Path table = dir.resolve("tenants.json");
        Files.writeString(table, "{\"pb.amritsar\":{\"districtName\":\"Amritsar\"}}");
        EnrichTelemetry<SourceRecord> smt = smt(tenantLookup(table));
        try (Metrics metrics = new Metrics()) {
            Map<String, String> tags = new LinkedHashMap<>(Map.of("connector", "unbundle"));
            tags.put("task", "0");
            tags.put("transformation", "enrich");
            smt.withPluginMetrics(new PluginMetricsImpl(metrics, tags));
            smt.apply(record(Map.of("edata", Map.of("cityId", "pb.amritsar"))));
            smt.apply(record(Map.of("edata", Map.of("cityId", "pb.patiala"))));
            assertThat(metricValue(metrics, "enriched-total", "lookup-tenant")).isEqualTo(1.0);
            assertThat(metricValue(metrics, "not-found-total", "lookup-tenant")).isEqualTo(1.0);
            assertThat(metricValue(metrics, "enriched-total", "tenancy")).isEqualTo(2.0);
            assertThat(metricValue(metrics, "lookup-entries", "lookup-tenant")).isEqualTo(1.0);
        }
    }

    static double metricValue(Metrics metrics, String name, String enrichment) {
        return metrics.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && enrichment.equals(e.getKey().tags().get("enrichment")))
                .map(e -> (Double) e.getValue().metricValue()).findFirst().orElseThrow();
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(ConfigDocs.undocumentedKeys(EnrichTelemetry.CONFIG_DEF)).isEmpty();
        assertThat(ConfigDocs.undocumentedKeys(LookupConfig.CONFIG_DEF)).isEmpty();
        assertThat(EnrichTelemetry.CONFIG_DEF.configKeys().get("lookups").documentation)
                .contains("key.field").contains("load.timeout.ms");
    }

    @Test
    void userDocumentationListsEveryConfigKey() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "smt-enrich.md"));
        assertThat(EnrichTelemetry.CONFIG_DEF.names()).allSatisfy(key -> assertThat(doc).contains("`" + key + "`"));
        assertThat(LookupConfig.CONFIG_DEF.names()).allSatisfy(key -> assertThat(doc).contains("`" + key + "`"));
    }

    private static Map<String, String> tenantLookup(Path table) {
        return Map.of("tenancy.enabled", "true", "lookups", "tenant",
                "lookup.tenant.key.field", "tenant.tenantId", "lookup.tenant.target.field", "tenantdata",
                "lookup.tenant.file", table.toString());
    }

    @Test
    void listValuesAndNullsPassUnchanged() {
        EnrichTelemetry<SourceRecord> smt = smt(Map.of("useragent.enabled", "true", "tenancy.enabled", "true"));
        SourceRecord list = record(List.of(1, 2));
        assertThat(smt.apply(list)).isSameAs(list);
        SourceRecord tombstone = record(null);
        assertThat(smt.apply(tombstone)).isSameAs(tombstone);
    }
}
