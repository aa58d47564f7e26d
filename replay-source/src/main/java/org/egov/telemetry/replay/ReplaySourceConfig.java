package org.egov.telemetry.replay;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.egov.telemetry.core.ConfigFragment;
import org.egov.telemetry.core.PluginConfig;
import org.egov.telemetry.s3.config.PartitionerConfig;
import org.egov.telemetry.s3.config.StoreConnectionConfig;
import org.egov.telemetry.s3.config.Validators;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the archive replay source: the store (the S3 sink's keys), which objects to read (a range of
 * days laid out as the sink's {@code path.format} lays them out, or an explicit prefix), and where and how fast
 * their lines go.
 */
public final class ReplaySourceConfig extends PluginConfig {

    public static final String TOPICS_DIR = "topics.dir";
    public static final String ARCHIVE_TOPIC = "archive.topic";
    public static final String PATH_FORMAT = PartitionerConfig.PATH_FORMAT;
    public static final String TIMEZONE = PartitionerConfig.TIMEZONE;
    public static final String FROM_DATE = "replay.from.date";
    public static final String TO_DATE = "replay.to.date";
    public static final String PREFIX = "replay.prefix";
    public static final String TOPIC = "topic";
    public static final String FAILED_TOPIC = "failed.topic";
    public static final String MAX_EVENTS_PER_SECOND = "max.events.per.second";
    public static final String POLL_MAX_LINES = "poll.max.lines";
    public static final String PROGRESS_INTERVAL_MS = "progress.check.interval.ms";
    /** Connect's own key (ConnectorConfig), read here too: bad objects and lines are tolerated only with 'all'. */
    public static final String ERRORS_TOLERANCE = "errors.tolerance";

    public static final String DEFAULT_TOPIC = "telemetry-replay-messages";

    private static final String RANGE = "Range";
    private static final String OUTPUT = "Output";

    public static final ConfigDef CONFIG_DEF = StoreConnectionConfig.define(new ConfigDef())
            .define(TOPICS_DIR, Type.STRING, "topics", Validators.keyPrefix(), Importance.MEDIUM,
                    "The top-level folder of the archive, as the S3 sink's " + TOPICS_DIR + ".",
                    RANGE, 1, Width.MEDIUM, "Topics folder")
            .define(ARCHIVE_TOPIC, Type.STRING, "telemetry-deduped-messages", Validators.keyPrefix(), Importance.HIGH,
                    "The topic whose archive is read: the folder under " + TOPICS_DIR + " the sink wrote it to.",
                    RANGE, 2, Width.MEDIUM, "Archived topic")
            .define(PATH_FORMAT, Type.STRING, PartitionerConfig.DAILY_PATH_FORMAT, PartitionerConfig.pathFormat(),
                    Importance.MEDIUM, "The sink's " + PATH_FORMAT + ", which turns " + FROM_DATE + " and " + TO_DATE
                            + " into folders: each day is read from the deepest folder of the format that holds the "
                            + "whole day (dt=2026-11-01 for the default; for \"'dt'=YYYY-MM-dd/'hr'=HH\" the same "
                            + "folder with all its hours). A format whose first folder spans more than a day (a month) "
                            + "replays that whole folder.",
                    RANGE, 3, Width.LONG, "Path format")
            .define(TIMEZONE, Type.STRING, "UTC", Validators.zoneId(), Importance.MEDIUM,
                    "The sink's " + TIMEZONE + ": the time zone its folders are named in.",
                    RANGE, 4, Width.SHORT, "Time zone")
            .define(FROM_DATE, Type.STRING, "", date(), Importance.HIGH,
                    "The first day to replay, as yyyy-MM-dd (inclusive). Set it with " + TO_DATE + ", or set "
                            + PREFIX + " instead.",
                    RANGE, 5, Width.SHORT, "From")
            .define(TO_DATE, Type.STRING, "", date(), Importance.HIGH,
                    "The last day to replay, as yyyy-MM-dd (inclusive).",
                    RANGE, 6, Width.SHORT, "To")
            .define(PREFIX, Type.STRING, "", Validators.noControlChars(), Importance.MEDIUM,
                    "Instead of a range of days: every object whose key starts with this, e.g. "
                            + "topics/telemetry-deduped-messages/partition=0/ for the sink's DefaultPartitioner.",
                    RANGE, 7, Width.LONG, "Key prefix")
            .define(TOPIC, Type.STRING, DEFAULT_TOPIC, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "The topic each archived line (one batch) is written to, unchanged. Keep it apart "
                            + "from the live batch topic, so that replayed batches are not archived again.",
                    OUTPUT, 1, Width.MEDIUM, "Replay topic")
            .define(FAILED_TOPIC, Type.STRING, "telemetry-replay-failed-messages",
                    new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
                    "With " + ERRORS_TOLERANCE + "=all, where bad data is reported, with the telemetry.error.* "
                            + "headers: a line that is not a JSON object (the line as it is), and an object that cannot "
                            + "be read to its end, such as a truncated gzip (a JSON description). With the default "
                            + ERRORS_TOLERANCE + "=none the task fails instead, naming the object and line.",
                    OUTPUT, 2, Width.MEDIUM, "Failed topic")
            .define(MAX_EVENTS_PER_SECOND, Type.INT, 1000, ConfigDef.Range.atLeast(0), Importance.HIGH,
                    "The most events per second one task replays (a batch counts as its number of events), so "
                            + "that a replay leaves the live pipeline its share of the worker, the broker and the search "
                            + "node. 0 means no limit.",
                    OUTPUT, 3, Width.SHORT, "Events per second")
            .define(POLL_MAX_LINES, Type.INT, 200, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                    "The most lines one poll returns (one exactly-once transaction at most).",
                    OUTPUT, 4, Width.SHORT, "Lines per poll")
            .define(PROGRESS_INTERVAL_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1000), Importance.LOW,
                    "How often the connector lists the range and compares it with the committed offsets, for the "
                            + "progress metrics and to notice that the replay is complete (it then runs with no tasks).",
                    OUTPUT, 5, Width.SHORT, "Progress check interval");

    private final StoreConnectionConfig store = new StoreConnectionConfig(this);

    public ReplaySourceConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    @Override
    protected List<? extends ConfigFragment> fragments() {
        return List.of(store);
    }

    @Override
    protected void checkAcrossKeys(Map<String, String> problems) {
        boolean range = fromDate().isPresent() || toDate().isPresent();
        boolean prefix = !getString(PREFIX).isBlank();
        if (range && prefix) {
            problems.put(PREFIX, "set either " + PREFIX + " or " + FROM_DATE + " and " + TO_DATE + ", not both");
        } else if (!range && !prefix) {
            problems.put(FROM_DATE, "set " + FROM_DATE + " and " + TO_DATE + " (or " + PREFIX + ")");
        } else if (range && fromDate().isEmpty()) {
            problems.put(FROM_DATE, "must be set when " + TO_DATE + " is set");
        } else if (range && toDate().isEmpty()) {
            problems.put(TO_DATE, "must be set when " + FROM_DATE + " is set");
        } else if (range && toDate().get().isBefore(fromDate().get())) {
            problems.put(TO_DATE, "must not be before " + FROM_DATE + " (" + fromDate().get() + ")");
        } else if (range && ArchiveRange.dayFolderDepth(pathFormatter()) == 0) {
            problems.put(PATH_FORMAT, "has no first folder that holds a whole day; replay by " + PREFIX + " instead");
        }
    }

    public StoreConnectionConfig store() {
        return store;
    }

    /** The objects to read: day folders or one prefix. */
    public ArchiveRange range() {
        String prefix = getString(PREFIX).trim();
        if (!prefix.isEmpty()) {
            return ArchiveRange.ofPrefix(prefix);
        }
        String dir = getString(TOPICS_DIR).trim();
        String base = (dir.isEmpty() ? "" : dir + "/") + getString(ARCHIVE_TOPIC).trim() + "/";
        return ArchiveRange.ofDays(base, pathFormatter(), fromDate().orElseThrow(), toDate().orElseThrow());
    }

    DateTimeFormatter pathFormatter() {
        return PartitionerConfig.formatter(getString(PATH_FORMAT)).withZone(ZoneId.of(getString(TIMEZONE).trim()));
    }

    private Optional<LocalDate> fromDate() {
        return parseDate(getString(FROM_DATE));
    }

    private Optional<LocalDate> toDate() {
        return parseDate(getString(TO_DATE));
    }

    public String topic() {
        return getString(TOPIC).trim();
    }

    public String failedTopic() {
        return getString(FAILED_TOPIC).trim();
    }

    public int maxEventsPerSecond() {
        return getInt(MAX_EVENTS_PER_SECOND);
    }

    public int pollMaxLines() {
        return getInt(POLL_MAX_LINES);
    }

    public long progressIntervalMs() {
        return getLong(PROGRESS_INTERVAL_MS);
    }

    /** Connect's errors.tolerance, which this config does not define: 'all' skips bad data, 'none' (default) fails. */
    public boolean toleratesErrors() {
        Object value = originals().get(ERRORS_TOLERANCE);
        return value != null && "all".equalsIgnoreCase(value.toString().trim());
    }

    private static Optional<LocalDate> parseDate(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(value.trim()));
    }

    private static ConfigDef.Validator date() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String text = value == null ? "" : value.toString().trim();
            try {
                parseDate(text);
            } catch (DateTimeParseException e) {
                throw new ConfigException(name, value, "is not a date as yyyy-MM-dd");
            }
        }, () -> "a date as yyyy-MM-dd, or empty");
    }
}
