package org.egov.telemetry.validate;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.RecordValues;
import org.egov.telemetry.core.Version;

import java.util.Map;

/**
 * Validates telemetry records. A valid record passes unchanged; an invalid one is routed to the failed
 * topic with the reason in headers (default), dropped, or fails the task, as configured. Bad data never
 * makes this transformation throw unless {@code behavior.on.invalid=fail}.
 */
public class ValidateTelemetry<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Validates Sunbird/DIGIT telemetry. In <code>batch</code> mode the "
            + "envelope is checked (id, ver, ets, a non-empty events array, mid, syncts, params.msgid). Invalid "
            + "records keep their payload and go to <code>failed.topic</code> with the stage, reason and JSON "
            + "pointer of the first violation in the headers " + ErrorHeaders.STAGE + ", " + ErrorHeaders.REASON
            + " and " + ErrorHeaders.PATH + ".";

    public static final String MODE = "mode";
    public static final String FAILED_TOPIC = "failed.topic";
    public static final String BEHAVIOR_ON_INVALID = "behavior.on.invalid";

    /** What is validated. */
    public enum Mode { BATCH }

    /** What happens to an invalid record. */
    public enum Behavior { ROUTE, DROP, FAIL }

    private static final EnumValidator<Mode> MODES = EnumValidator.of(Mode.class);
    private static final EnumValidator<Behavior> BEHAVIORS = EnumValidator.of(Behavior.class);

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(MODE, Type.STRING, "batch", MODES, Importance.HIGH,
                    "What a record is: 'batch' validates the envelope of a telemetry batch.", null, -1,
                    ConfigDef.Width.SHORT, MODE, MODES)
            .define(FAILED_TOPIC, Type.STRING, "telemetry-failed-messages", new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, "Topic that receives invalid records when behavior.on.invalid=route.")
            .define(BEHAVIOR_ON_INVALID, Type.STRING, "route", BEHAVIORS, Importance.MEDIUM,
                    "What to do with an invalid record: 'route' it to failed.topic with the reason in headers, "
                            + "'drop' it, or 'fail' the task.", null, -1, ConfigDef.Width.SHORT,
                    BEHAVIOR_ON_INVALID, BEHAVIORS);

    private String failedTopic;
    private Behavior behavior;
    private String stage;

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        Mode mode = MODES.parse(config.getString(MODE));
        failedTopic = config.getString(FAILED_TOPIC);
        behavior = BEHAVIORS.parse(config.getString(BEHAVIOR_ON_INVALID));
        stage = "validate-" + mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public R apply(R record) {
        Violation violation = check(record.value());
        if (violation == null) {
            return record;
        }
        switch (behavior) {
            case DROP:
                return null;
            case FAIL:
                throw new DataException("Invalid telemetry at " + coordinates(record) + ": " + violation.reason()
                        + " (" + violation.path() + ")");
            default:
                return record.newRecord(failedTopic, null, record.keySchema(), record.key(), record.valueSchema(),
                        record.value(), record.timestamp(),
                        ErrorHeaders.withError(record.headers(), stage, violation.reason(), violation.path()));
        }
    }

    private static Violation check(Object value) {
        if (value == null) {
            return new Violation("", "the record has no value");
        }
        Map<String, Object> batch;
        try {
            batch = RecordValues.asObject(value, "telemetry validation");
        } catch (DataException e) {
            return new Violation("", "the value is not a JSON object");
        }
        return BatchRules.check(batch);
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
    }

    @Override
    public String version() {
        return Version.get();
    }
}
