package org.egov.telemetry.validate;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.PluginConfig;
import org.egov.telemetry.core.RecordValues;
import org.egov.telemetry.core.Version;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Validates telemetry records. A valid record passes unchanged; an invalid one is routed to the failed
 * topic with the reason in headers (default), dropped, or fails the task, as configured. Bad data never
 * makes this transformation throw unless {@code behavior.on.invalid=fail}.
 */
public class ValidateTelemetry<R extends ConnectRecord<R>> implements Transformation<R>, Versioned, Monitorable {

    public static final String OVERVIEW_DOC = "Validates Sunbird/DIGIT telemetry. In <code>batch</code> mode the "
            + "envelope of a batch is checked (id, ver, ets, a non-empty events array, mid, syncts, params.msgid); "
            + "what is wrong inside one element of events is left to event mode, so good events are never lost "
            + "with a bad one. In <code>event</code> mode each event is checked against the Telemetry v3 JSON "
            + "schema of its eid, under the <code>sunbird</code> or <code>digit</code> profile, or a schema of "
            + "<code>schema.dir</code>. Invalid records keep their payload and go to <code>failed.topic</code> "
            + "with the stage, reason and JSON pointer of the first violation in the headers " + ErrorHeaders.STAGE
            + ", " + ErrorHeaders.REASON + " and " + ErrorHeaders.PATH + "; invalid events also get "
            + "flags.pp_validation_processed=false, metadata.validation_error and metadata.src, as Sunbird marks them. "
            + "Under the <code>digit</code> profile only an unusable eid or ets fails an event: numbers and booleans "
            + "sent as strings are coerced (listed in metadata.coerced_fields) and other violations are tolerated "
            + "(listed in metadata.validation_warnings). Counts records in the plugin metrics valid-records-total, "
            + "invalid-records-total, coerced-records-total and tolerated-records-total.";

    public static final String MODE = "mode";
    public static final String PROFILE = "profile";
    public static final String SCHEMA_DIR = "schema.dir";
    public static final String FAILED_TOPIC = "failed.topic";
    public static final String BEHAVIOR_ON_INVALID = "behavior.on.invalid";

    /** What a record is. */
    public enum Mode { BATCH, EVENT }

    /** What happens to an invalid record. */
    public enum Behavior { ROUTE, DROP, FAIL }

    private static final EnumValidator<Mode> MODES = EnumValidator.of(Mode.class);
    private static final EnumValidator<Profile> PROFILES = EnumValidator.of(Profile.class);
    private static final EnumValidator<Behavior> BEHAVIORS = EnumValidator.of(Behavior.class);

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(MODE, Type.STRING, "batch", MODES, Importance.HIGH,
                    "What a record is: 'batch' validates the envelope of a telemetry batch, 'event' validates one "
                            + "event against the JSON schema of its eid (Telemetry v3: "
                            + String.join(", ", EventSchemas.V3_EIDS) + ").",
                    null, -1, ConfigDef.Width.SHORT, MODE, MODES)
            .define(PROFILE, Type.STRING, "digit", PROFILES, Importance.MEDIUM,
                    "Event mode only. 'sunbird' applies the Telemetry v3 specification as written, as Sunbird's "
                            + "pipeline does: actor, context and the edata keys it requires must be present, edata "
                            + "may hold no other keys, and the first violation fails the event. 'digit' never drops "
                            + "an event that DIGIT's own pipeline indexed: only a missing or non-string eid and a "
                            + "missing, non-numeric or negative ets fail an event; a number or boolean sent as a "
                            + "string is coerced to the specified type and listed in metadata.coerced_fields; any "
                            + "other violation (a wrong type, a missing field, an eid without a schema) lets the "
                            + "event pass with it listed in metadata.validation_warnings. Schemas of schema.dir "
                            + "are always applied strictly.",
                    null, -1, ConfigDef.Width.SHORT, PROFILE, PROFILES)
            .define(SCHEMA_DIR, Type.STRING, "", Importance.LOW,
                    "Event mode only. A directory on every worker with JSON schema files named <eid>.json (e.g. "
                            + "start.json, or cb_audit.json for a new eid). Each file replaces the built-in schema of "
                            + "that eid, or adds one, and is used as written (the profile does not change it; "
                            + "relative $ref resolve against the file). Empty: only the built-in schemas.")
            .define(FAILED_TOPIC, Type.STRING, "telemetry-failed-messages", new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, "Topic that receives invalid records when behavior.on.invalid=route.")
            .define(BEHAVIOR_ON_INVALID, Type.STRING, "route", BEHAVIORS, Importance.MEDIUM,
                    "What to do with an invalid record: 'route' it to failed.topic with the reason in headers, "
                            + "'drop' it, or 'fail' the task.", null, -1, ConfigDef.Width.SHORT,
                    BEHAVIOR_ON_INVALID, BEHAVIORS);

    private Mode mode;
    private EventSchemas schemas;
    private String failedTopic;
    private Behavior behavior;
    private String stage;
    private ValidationMetrics metrics = ValidationMetrics.none();

    @Override
    public void configure(Map<String, ?> props) {
        PluginConfig config = new PluginConfig(CONFIG_DEF, props);
        mode = MODES.parse(config.getString(MODE));
        failedTopic = config.getString(FAILED_TOPIC);
        behavior = BEHAVIORS.parse(config.getString(BEHAVIOR_ON_INVALID));
        stage = "validate-" + mode.name().toLowerCase(Locale.ROOT);
        if (mode == Mode.EVENT) {
            Profile profile = PROFILES.parse(config.getString(PROFILE));
            String dir = config.getString(SCHEMA_DIR).trim();
            schemas = dir.isEmpty() ? EventSchemas.builtIn(profile)
                    : EventSchemas.withOverrides(profile, Path.of(dir), SCHEMA_DIR);
        }
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        metrics = ValidationMetrics.of(pluginMetrics);
    }

    @Override
    public R apply(R record) {
        Verdict verdict = check(record.value());
        if (verdict.passed()) {
            metrics.valid(verdict);
            return verdict.value() == record.value() ? record : record.newRecord(record.topic(),
                    record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(), verdict.value(),
                    record.timestamp(), record.headers().duplicate());
        }
        metrics.invalid();
        Violation violation = verdict.violation();
        switch (behavior) {
            case DROP:
                return null;
            case FAIL:
                throw new DataException("Invalid telemetry at " + coordinates(record) + ": " + violation.reason()
                        + " (" + violation.path() + ")");
            default:
                return record.newRecord(failedTopic, null, record.keySchema(), record.key(), record.valueSchema(),
                        markedValue(record.value(), violation), record.timestamp(),
                        ErrorHeaders.withError(record.headers(), stage, violation.reason(), violation.path()));
        }
    }

    private Verdict check(Object value) {
        if (value == null) {
            return Verdict.fail(new Violation("", "the record has no value"));
        }
        Map<String, Object> object;
        try {
            object = RecordValues.asObject(value, "telemetry validation");
        } catch (DataException e) {
            return Verdict.fail(new Violation("", "the value is not a JSON object"));
        }
        try {
            if (mode == Mode.BATCH) {
                Violation violation = BatchRules.check(object);
                return violation == null ? Verdict.pass(value) : Verdict.fail(violation);
            }
            Verdict verdict = schemas.check(object);
            // A value that passes unchanged goes on as it came (JSON text stays text).
            return verdict.passed() && verdict.value() == object ? Verdict.pass(value) : verdict;
        } catch (RuntimeException | StackOverflowError e) {
            return Verdict.fail(new Violation("", "the value cannot be validated: " + e.getClass().getSimpleName()));
        }
    }

    @SuppressWarnings("unchecked")
    private Object markedValue(Object value, Violation violation) {
        if (mode == Mode.EVENT && value instanceof Map<?, ?> event) {
            return ValidationMarks.marked((Map<String, Object>) event, violation.reason(), stage);
        }
        return value;
    }

    private static String coordinates(ConnectRecord<?> record) {
        return "topic " + record.topic() + " partition " + record.kafkaPartition();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        schemas = null;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
