package org.egov.telemetry.enrich;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keys of each lookup are checked by the transformation's ConfigDef, called as a caller holding the
 * transformation's own properties calls it: {@code new EnrichTelemetry<>().config().validate(props)}.
 */
class LookupValidationTest {

    @TempDir
    Path dir;

    private Map<String, String> tenantLookup(String... pairs) throws IOException {
        Path table = dir.resolve("tenants.json");
        Files.writeString(table, "{\"pb.amritsar\":{\"districtName\":\"Amritsar\"}}");
        Map<String, String> props = new HashMap<>(Map.of("lookups", "tenant",
                "lookup.tenant.key.field", "tenant.tenantId", "lookup.tenant.target.field", "tenantdata",
                "lookup.tenant.file", table.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                props.remove(pairs[i]);
            } else {
                props.put(pairs[i], pairs[i + 1]);
            }
        }
        return props;
    }

    /** Error messages by key, only for keys that have some, from the ConfigDef that config() returns. */
    private static Map<String, List<String>> errors(Map<String, String> props) {
        List<ConfigValue> values = new EnrichTelemetry<SourceRecord>().config().validate(props);
        return values.stream().filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    /** What configure() says of the same properties: the key it names, or null when it starts. */
    private static String configureFailure(Map<String, String> props) {
        EnrichTelemetry<SourceRecord> smt = new EnrichTelemetry<>();
        try {
            smt.configure(props);
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        } finally {
            smt.close();
        }
    }

    @Test
    void pipelineLookupOfTheShippedTableValidatesClean() {
        Map<String, String> props = Map.of("timestamp.source", "ets", "useragent.enabled", "true",
                "tenancy.enabled", "true", "lookups", "tenant",
                "lookup.tenant.key.field", "tenant.tenantId", "lookup.tenant.target.field", "tenantdata",
                "lookup.tenant.file", "../connectors/lookups/tenants.json");
        List<ConfigValue> values = EnrichTelemetry.CONFIG_DEF.validate(props);
        assertThat(values).allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
        assertThat(values).extracting(ConfigValue::name)
                .contains("lookups", "lookup.tenant.key.field", "lookup.tenant.file", "lookup.tenant.max.entries");
    }

    @Test
    void missingTableFileIsReportedOnTheLookupsFileKey() throws IOException {
        Map<String, String> props = tenantLookup("lookup.tenant.file", dir.resolve("absent.json").toString());
        assertThat(errors(props)).containsOnlyKeys("lookup.tenant.file");
        assertThat(errors(props).get("lookup.tenant.file").get(0)).contains("no readable file");
        assertThat(configureFailure(props)).contains("lookup.tenant.file");
    }

    @Test
    void missingRequiredLookupKeysAreReportedUnderTheirFullNames() {
        Map<String, String> props = Map.of("lookups", "tenant,user", "lookup.user.key.field", "actor.id");
        Map<String, List<String>> errors = errors(props);
        assertThat(errors).containsOnlyKeys("lookup.tenant.key.field", "lookup.tenant.target.field",
                "lookup.user.target.field");
        assertThat(errors.get("lookup.tenant.key.field").get(0)).contains("Missing required");
        assertThat(configureFailure(props)).contains("lookup.tenant.").contains("key.field");
    }

    @Test
    void fieldThatIsNoDottedPathIsReportedOnItsKey() throws IOException {
        Map<String, String> props = tenantLookup("lookup.tenant.target.field", "tenant..data",
                "lookup.tenant.flag", "x.");
        assertThat(errors(props)).containsOnlyKeys("lookup.tenant.target.field", "lookup.tenant.flag");
        assertThat(configureFailure(props)).contains("lookup.tenant.target.field");
    }

    @Test
    void unknownSourceAndFileFormatAreReportedOnTheirKeys() throws IOException {
        Map<String, String> props = tenantLookup("lookup.tenant.source", "database",
                "lookup.tenant.file.format", "xml");
        assertThat(errors(props)).containsOnlyKeys("lookup.tenant.source", "lookup.tenant.file.format");
        assertThat(configureFailure(props)).contains("lookup.tenant.").contains("source");
    }

    @Test
    void topicLookupNeedsATopicAndBootstrapServers() throws IOException {
        Map<String, String> props = tenantLookup("lookup.tenant.source", "topic", "lookup.tenant.file", null);
        assertThat(errors(props)).containsOnlyKeys("lookup.tenant.topic", "lookup.tenant.bootstrap.servers");
        assertThat(configureFailure(props)).contains("lookup.tenant.topic");
    }

    @Test
    void tableThatCannotBeReadIsReportedOnTheKeyToChange() throws IOException {
        Path notAnObject = dir.resolve("list.json");
        Files.writeString(notAnObject, "[1, 2]");
        Map<String, String> props = tenantLookup("lookup.tenant.file", notAnObject.toString());
        assertThat(errors(props)).containsOnlyKeys("lookup.tenant.file");
        assertThat(configureFailure(props)).contains("lookup.tenant.file");

        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "district,userId\nAmritsar,u-1\nPatiala,u-2\n");
        props = tenantLookup("lookup.tenant.file", csv.toString(), "lookup.tenant.file.key.column", "uid");
        assertThat(errors(props)).containsOnlyKeys("lookup.tenant.file.key.column");
        assertThat(configureFailure(props)).contains("lookup.tenant.file.key.column");

        props = tenantLookup("lookup.tenant.file", csv.toString(), "lookup.tenant.max.entries", "1");
        assertThat(errors(props)).containsOnlyKeys("lookup.tenant.max.entries");
        assertThat(configureFailure(props)).contains("lookup.tenant.max.entries");
    }

    @Test
    void lookupNamedTwiceOrBlankIsReportedOnLookups() throws IOException {
        assertThat(errors(tenantLookup("lookups", "tenant,tenant"))).containsOnlyKeys("lookups");
        assertThat(errors(tenantLookup("lookups", "tenant,,user"))).containsOnlyKeys("lookups");
        assertThat(configureFailure(tenantLookup("lookups", "tenant,tenant"))).contains("named twice");
    }

    @Test
    void keysOfLookupsNotListedAreNotChecked() throws IOException {
        Map<String, String> props = tenantLookup("lookup.user.source", "nonsense");
        assertThat(errors(props)).isEmpty();
        assertThat(configureFailure(props)).isNull();
    }

    @Test
    void validateAllAndValidateAgree() throws IOException {
        Map<String, String> props = tenantLookup("lookup.tenant.file", dir.resolve("absent.json").toString());
        assertThat(EnrichTelemetry.CONFIG_DEF.validateAll(props).get("lookup.tenant.file").errorMessages())
                .isEqualTo(errors(props).get("lookup.tenant.file"));
    }
}
