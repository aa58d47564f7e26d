package org.egov.telemetry.validate;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.common.config.ConfigException;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SuppressWarnings("unchecked")
class EventValidationTest {

    private static ValidateTelemetry<SourceRecord> smt(String profile, String... more) {
        Map<String, String> props = new HashMap<>(Map.of("mode", "event", "profile", profile, "failed.topic", "failed"));
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        ValidateTelemetry<SourceRecord> smt = new ValidateTelemetry<>();
        smt.configure(props);
        return smt;
    }

    private static SourceRecord record(Object value) {
        return new SourceRecord(null, null, "events", 0, null, "k", null, value, 7L);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(String resource) throws Exception {
        try (InputStream in = EventValidationTest.class.getResourceAsStream("/events/" + resource)) {
            return (List<Map<String, Object>>) (List<?>) Json.mapper().readValue(in, List.class);
        }
    }

    private static Map<String, Object> event(String resource, String mid) throws Exception {
        return events(resource).stream().filter(e -> mid.equals(e.get("mid"))).findFirst().orElseThrow();
    }

    private static String header(SourceRecord record, String name) {
        return String.valueOf(record.headers().lastWithName(name).value());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Object map, String field) {
        return (Map<String, Object>) ((Map<String, Object>) map).get(field);
    }

    @Test
    void sunbirdSdkEventsPassBothProfilesUnchanged() throws Exception {
        for (String profile : List.of("sunbird", "digit")) {
            ValidateTelemetry<SourceRecord> smt = smt(profile);
            for (Map<String, Object> event : events("sunbird-sdk-events.json")) {
                SourceRecord in = record(event);
                assertThat(smt.apply(in)).as("%s under %s", event.get("mid"), profile).isSameAs(in);
            }
        }
    }

    @Test
    void digitEventsWithExtraEdataKeysPassTheDigitProfile() throws Exception {
        ValidateTelemetry<SourceRecord> smt = smt("digit");
        for (Map<String, Object> event : events("digit-events.json")) {
            SourceRecord in = record(event);
            assertThat(smt.apply(in)).as("%s", event.get("mid")).isSameAs(in);
        }
    }

    @Test
    void sunbirdProfileRejectsAnUnknownEdataKeyAndPointsAtIt() throws Exception {
        SourceRecord out = smt("sunbird").apply(record(event("digit-events.json", "START:digit-1")));
        assertThat(out.topic()).isEqualTo("failed");
        assertThat(header(out, ErrorHeaders.STAGE)).isEqualTo("validate-event");
        assertThat(header(out, ErrorHeaders.PATH)).startsWith("/edata/");
        assertThat(header(out, ErrorHeaders.REASON)).contains("edata");
    }

    @Test
    void sunbirdProfileRequiresActorContextAndTheEdataKeysOfTheEid() throws Exception {
        ValidateTelemetry<SourceRecord> smt = smt("sunbird");
        Map<String, Object> noActor = event("sunbird-sdk-events.json", "START:sdk-1");
        noActor.remove("actor");
        assertThat(header(smt.apply(record(noActor)), ErrorHeaders.PATH)).isEqualTo("/actor");
        Map<String, Object> noType = event("sunbird-sdk-events.json", "START:sdk-1");
        Map<String, Object> edata = new HashMap<>(mapAt(noType, "edata"));
        edata.remove("type");
        noType.put("edata", edata);
        assertThat(header(smt.apply(record(noType)), ErrorHeaders.PATH)).isEqualTo("/edata/type");
    }

    @Test
    void digitProfileCoercesNumbersSentAsStringsAndListsThem() throws Exception {
        Map<String, Object> event = event("digit-events.json", "START:digit-1");
        Map<String, Object> edata = new HashMap<>(mapAt(event, "edata"));
        edata.put("duration", "0");
        event.put("edata", edata);
        event.put("ets", "1764300000000");
        Map<String, Object> sent = Json.parseObject(Json.toBytes(event));
        SourceRecord in = record(event);

        SourceRecord out = smt("digit").apply(in);

        assertThat(out.topic()).isEqualTo("events");
        Map<String, Object> value = (Map<String, Object>) out.value();
        assertThat(mapAt(value, "edata")).containsEntry("duration", 0L).containsEntry("cityId", "pb.amritsar");
        assertThat(value).containsEntry("ets", 1764300000000L);
        assertThat((List<String>) mapAt(value, "metadata").get("coerced_fields"))
                .containsExactlyInAnyOrder("/edata/duration", "/ets");
        assertThat(mapAt(value, "metadata")).doesNotContainKey("validation_warnings");
        assertThat(event).as("the input event").isEqualTo(sent);
        assertThat(smt("sunbird").apply(record(event)).topic()).isEqualTo("failed");
    }

    @Test
    void digitProfileCoercesOnlyWhatIsWrittenAsTheSpecifiedType() {
        assertThat(Leniency.number("12", true)).isEqualTo(12L);
        assertThat(Leniency.number("12.0", true)).isEqualTo(12L);
        assertThat(Leniency.number("12.5", true)).isNull();
        assertThat(Leniency.number("12.5", false)).isEqualTo(12.5);
        assertThat(Leniency.number("-3e2", false)).isEqualTo(-300L);
        assertThat(Leniency.number("1e400", false)).isNull();
        for (String notANumber : List.of("", "thirty", "0x10", "012", "1,5", "NaN", "Infinity", "+1", ".5")) {
            assertThat(Leniency.number(notANumber, false)).as(notANumber).isNull();
        }
    }

    @Test
    void digitProfileLetsOtherViolationsPassAndListsThem() throws Exception {
        Map<String, Object> event = event("digit-events.json", "SUMMARY:digit-2");
        Map<String, Object> edata = new HashMap<>(mapAt(event, "edata"));
        edata.put("timespent", "thirty");
        edata.put("pageviews", "2");
        event.put("edata", edata);
        event.put("actor", "citizen");

        SourceRecord out = smt("digit").apply(record(event));

        assertThat(out.topic()).isEqualTo("events");
        Map<String, Object> value = (Map<String, Object>) out.value();
        assertThat(mapAt(value, "edata")).containsEntry("timespent", "thirty").containsEntry("pageviews", 2L);
        assertThat(value).containsEntry("actor", "citizen");
        Map<String, Object> metadata = mapAt(value, "metadata");
        assertThat(metadata).containsEntry("coerced_fields", List.of("/edata/pageviews"));
        assertThat((List<String>) metadata.get("validation_warnings")).hasSize(2)
                .anySatisfy(warning -> assertThat(warning).startsWith("/edata/timespent: "))
                .anySatisfy(warning -> assertThat(warning).startsWith("/actor: "));
        assertThat(smt("sunbird").apply(record(event)).topic()).isEqualTo("failed");
    }

    @Test
    void digitProfileFailsOnlyAnUnusableEidOrEts() throws Exception {
        ValidateTelemetry<SourceRecord> digit = smt("digit");
        for (String field : List.of("ver", "mid", "edata", "actor", "context")) {
            Map<String, Object> event = event("digit-events.json", "SUMMARY:digit-2");
            event.remove(field);
            assertThat(digit.apply(record(event)).topic()).as("without %s", field).isEqualTo("events");
            assertThat(smt("sunbird").apply(record(event)).topic()).as(field).isEqualTo("failed");
        }
        for (Object ets : new Object[] {null, "soon", -1, "-5", Map.of("t", 1), true}) {
            Map<String, Object> event = event("digit-events.json", "SUMMARY:digit-2");
            event.put("ets", ets);
            if (ets == null) {
                event.remove("ets");
            }
            SourceRecord out = digit.apply(record(event));
            assertThat(out.topic()).as("ets %s", ets).isEqualTo("failed");
            assertThat(header(out, ErrorHeaders.PATH)).as("ets %s", ets).isEqualTo("/ets");
        }
        Map<String, Object> noEid = event("digit-events.json", "SUMMARY:digit-2");
        noEid.remove("eid");
        assertThat(header(digit.apply(record(noEid)), ErrorHeaders.PATH)).isEqualTo("/eid");
    }

    @Test
    void digitProfilePassesAnEidWithoutSchemaCheckingTheSharedFields() throws Exception {
        Map<String, Object> event = event("digit-events.json", "START:digit-bare");
        event.put("eid", "CUSTOM_CLICK");
        event.put("ets", "1764300000000");
        SourceRecord out = smt("digit").apply(record(event));
        Map<String, Object> metadata = mapAt(out.value(), "metadata");
        assertThat(out.topic()).isEqualTo("events");
        assertThat(metadata).containsEntry("coerced_fields", List.of("/ets"));
        assertThat((List<String>) metadata.get("validation_warnings"))
                .containsExactly("/eid: unknown eid 'CUSTOM_CLICK': no schema for it");
        event.put("ets", "yesterday");
        assertThat(header(smt("digit").apply(record(event)), ErrorHeaders.PATH)).isEqualTo("/ets");
    }

    @Test
    void digitProfileRecordsAtMostTenWarningsAndCountsTheRest() throws Exception {
        Map<String, Object> event = event("digit-events.json", "START:digit-1");
        List<Map<String, Object>> cdata = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            cdata.add(Map.of("id", i));
        }
        Map<String, Object> context = new HashMap<>(mapAt(event, "context"));
        context.put("cdata", cdata);
        event.put("context", context);
        List<String> warnings = (List<String>) mapAt(smt("digit").apply(record(event)).value(), "metadata")
                .get("validation_warnings");
        assertThat(warnings).hasSize(11);
        assertThat(warnings.get(10)).matches("\\.\\.\\. and \\d+ more");
    }

    @Test
    void routedInvalidEventKeepsItsPayloadAndGetsSunbirdFlagsAndMetadata() throws Exception {
        Map<String, Object> event = event("digit-events.json", "SUMMARY:digit-2");
        event.put("flags", Map.of("ex_processed", true));
        event.put("ets", "soon");
        Map<String, Object> original = new HashMap<>(event);
        SourceRecord in = record(event);
        SourceRecord out = smt("digit").apply(in);

        assertThat(out.topic()).isEqualTo("failed");
        assertThat(out.key()).isEqualTo("k");
        Map<String, Object> value = (Map<String, Object>) out.value();
        assertThat(mapAt(value, "flags")).containsEntry("pp_validation_processed", false)
                .containsEntry("ex_processed", true);
        assertThat(mapAt(value, "metadata")).containsEntry("validation_error", header(out, ErrorHeaders.REASON))
                .containsEntry("src", "validate-event");
        value.keySet().removeAll(List.of("flags", "metadata"));
        original.remove("flags");
        assertThat(value).isEqualTo(original);
        assertThat(event.get("flags")).isEqualTo(Map.of("ex_processed", true));
        assertThat(event).doesNotContainKey("metadata");
        assertThat(in.headers()).isEmpty();
    }

    @Test
    void unknownOrMissingEidIsAReasonNotACrash() throws Exception {
        Map<String, Object> unknown = event("digit-events.json", "START:digit-bare");
        unknown.put("eid", "TELEPORT");
        SourceRecord out = smt("sunbird").apply(record(unknown));
        assertThat(header(out, ErrorHeaders.PATH)).isEqualTo("/eid");
        assertThat(header(out, ErrorHeaders.REASON)).contains("unknown eid 'TELEPORT'");
        unknown.remove("eid");
        assertThat(header(smt("sunbird").apply(record(unknown)), ErrorHeaders.REASON)).contains("eid");
        unknown.put("eid", 42);
        assertThat(smt("sunbird").apply(record(unknown)).topic()).isEqualTo("failed");
    }

    @Test
    void noInputMakesTheTransformationThrow() {
        ValidateTelemetry<SourceRecord> smt = smt("sunbird");
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cursor = deep;
        for (int i = 0; i < 5000; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("edata", next);
            cursor = next;
        }
        deep.put("eid", "START");
        Map<String, Object> weird = new HashMap<>(Map.of("eid", "START", "edata", List.of(1, 2)));
        weird.put("context", new Object());
        List<Object> inputs = new ArrayList<>(List.of("{broken", "[1,2]", 42, new byte[] {1, 2, 3}, deep, weird,
                Map.of("eid", "START", "flags", "not-a-map")));
        inputs.add(null);
        for (Object input : inputs) {
            assertThat(smt.apply(record(input)).topic()).isEqualTo("failed");
        }
    }

    @Test
    void invalidEventCanBeDroppedOrFailTheTask() throws Exception {
        Map<String, Object> event = event("digit-events.json", "START:digit-bare");
        event.remove("ets");
        assertThat(smt("digit", "behavior.on.invalid", "drop").apply(record(event))).isNull();
        assertThatThrownBy(() -> smt("digit", "behavior.on.invalid", "fail").apply(record(event)))
                .isInstanceOf(DataException.class).hasMessageContaining("ets");
    }

    @Test
    void jsonTextEventsAreValidatedAndRoutedAsTheyCame() {
        String json = "{\"eid\":\"LOG\",\"ets\":1,\"ver\":\"3.0\",\"mid\":\"m\",\"edata\":{\"type\":\"x\"}}";
        SourceRecord in = record(json);
        SourceRecord out = smt("sunbird").apply(in);
        assertThat(out.topic()).isEqualTo("failed");
        assertThat(out.value()).isSameAs(json);
    }

    @Test
    void schemaDirectoryOverridesAndAddsEids() throws Exception {
        String dir = Path.of(EventValidationTest.class.getResource("/custom-schemas").toURI()).toString();
        ValidateTelemetry<SourceRecord> smt = smt("sunbird", "schema.dir", dir);

        Map<String, Object> start = new HashMap<>(Map.of("eid", "START", "mid", "m", "edata", Map.of("pageid", "p")));
        SourceRecord in = record(start);
        assertThat(smt.apply(in)).as("custom start.json replaces the built-in one").isSameAs(in);
        start.put("edata", Map.of("pageid", 5));
        assertThat(header(smt.apply(record(start)), ErrorHeaders.PATH)).isEqualTo("/edata/pageid");

        SourceRecord audit = record(Map.of("eid", "CB_AUDIT", "edata", Map.of("state", "x")));
        assertThat(smt.apply(audit)).as("a new eid from the directory").isSameAs(audit);
        assertThat(smt.apply(record(Map.of("eid", "CB_AUDIT", "edata", Map.of()))).topic()).isEqualTo("failed");

        Map<String, Object> log = Map.of("eid", "LOG", "ets", 1, "ver", "3.0", "mid", "m",
                "actor", Map.of("id", "a", "type", "User"), "context", Map.of("channel", "c", "env", "e"),
                "edata", Map.of("type", "t", "level", "INFO", "message", "hello"));
        SourceRecord builtIn = record(log);
        assertThat(smt.apply(builtIn)).as("other eids keep the built-in schema").isSameAs(builtIn);
    }

    @Test
    void missingSchemaDirectoryIsAConfigErrorOnItsKey() {
        assertThatThrownBy(() -> smt("digit", "schema.dir", "/no/such/dir"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.dir");
    }

    @Test
    void builtInSchemasAreCompiledOncePerProfile() {
        assertThat(EventSchemas.builtIn(Profile.DIGIT)).isSameAs(EventSchemas.builtIn(Profile.DIGIT));
        assertThat(EventSchemas.builtIn(Profile.SUNBIRD).eids()).containsExactlyInAnyOrderElementsOf(EventSchemas.V3_EIDS);
    }

    @Test
    void validAndInvalidRecordsAreCountedInPluginMetrics() throws Exception {
        try (Metrics metrics = new Metrics();
             PluginMetricsImpl plugin = new PluginMetricsImpl(metrics, Map.of("connector", "c", "task", "0"))) {
            ValidateTelemetry<SourceRecord> smt = smt("digit");
            smt.withPluginMetrics(plugin);
            for (Map<String, Object> event : events("digit-events.json")) {
                smt.apply(record(event));
            }
            smt.apply(record("{broken"));
            Map<String, Object> stringDuration = event("digit-events.json", "START:digit-1");
            stringDuration.put("edata", Map.of("type", "app", "duration", "0"));
            smt.apply(record(stringDuration));
            Map<String, Object> noVer = event("digit-events.json", "START:digit-1");
            noVer.remove("ver");
            smt.apply(record(noVer));
            assertThat(total(metrics, "valid-records-total")).isEqualTo(6.0);
            assertThat(total(metrics, "invalid-records-total")).isEqualTo(1.0);
            assertThat(total(metrics, "coerced-records-total")).isEqualTo(1.0);
            assertThat(total(metrics, "tolerated-records-total")).isEqualTo(1.0);
        }
    }

    static double total(Metrics metrics, String name) {
        for (Map.Entry<MetricName, KafkaMetric> entry : metrics.metrics().entrySet()) {
            if (entry.getKey().name().equals(name)) {
                return (double) entry.getValue().metricValue();
            }
        }
        throw new AssertionError("no metric " + name + " in " + metrics.metrics().keySet());
    }
}
