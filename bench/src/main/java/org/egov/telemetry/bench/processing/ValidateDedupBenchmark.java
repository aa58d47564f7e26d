package org.egov.telemetry.bench.processing;

import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.dedup.DeduplicateTelemetry;
import org.egov.telemetry.validate.ValidateTelemetry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records per second on one core for ValidateTelemetry (batch mode; event mode under both profiles) and
 * DeduplicateTelemetry (memory store: an event seen for the first time, a duplicate, a batch hashed), and
 * for validate(event) followed by dedup(mid), the part of the unbundle chain these two SMTs make up.
 * Run with {@link #main}; see bench/README.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ValidateDedupBenchmark {

    private ValidateTelemetry<SourceRecord> validateBatch;
    private ValidateTelemetry<SourceRecord> validateDigit;
    private ValidateTelemetry<SourceRecord> validateSunbird;
    private DeduplicateTelemetry<SourceRecord> dedupMid;
    private DeduplicateTelemetry<SourceRecord> dedupBatch;
    private DeduplicateTelemetry<SourceRecord> chainDedup;
    private SourceRecord batch;
    private SourceRecord digitEvent;
    private SourceRecord sunbirdEvent;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        validateBatch = configured(new ValidateTelemetry<>(), Map.of("mode", "batch"));
        validateDigit = configured(new ValidateTelemetry<>(), Map.of("mode", "event", "profile", "digit"));
        validateSunbird = configured(new ValidateTelemetry<>(), Map.of("mode", "event", "profile", "sunbird"));
        dedupMid = configured(new DeduplicateTelemetry<>(), Map.of("key", "mid"));
        dedupBatch = configured(new DeduplicateTelemetry<>(), Map.of("key", "batch_hash"));
        chainDedup = configured(new DeduplicateTelemetry<>(), Map.of("key", "mid"));
        digitEvent = record(digitEvent("START:bench-digit"));
        sunbirdEvent = record(sunbirdEvent("START:bench-sunbird"));
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("id", "ekstep.telemetry");
        envelope.put("ver", "3.0");
        envelope.put("ets", 1764300000000L);
        envelope.put("mid", "batch-1");
        envelope.put("syncts", 1764300000500L);
        envelope.put("did", "device-1");
        envelope.put("events", List.of(digitEvent("e1"), digitEvent("e2"), digitEvent("e3")));
        batch = record(envelope);
        dedupMid.apply(digitEvent);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (AutoCloseable smt : List.<AutoCloseable>of(validateBatch, validateDigit, validateSunbird, dedupMid,
                dedupBatch, chainDedup)) {
            try {
                smt.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Benchmark
    public SourceRecord validateBatchEnvelope() {
        return validateBatch.apply(batch);
    }

    @Benchmark
    public SourceRecord validateEventDigitProfile() {
        return validateDigit.apply(digitEvent);
    }

    @Benchmark
    public SourceRecord validateEventSunbirdProfile() {
        return validateSunbird.apply(sunbirdEvent);
    }

    @Benchmark
    public SourceRecord dedupNewEventByMid() {
        return dedupMid.apply(record(digitEvent("START:bench-" + sequence++)));
    }

    @Benchmark
    public SourceRecord dedupDuplicateEventByMid() {
        return dedupMid.apply(digitEvent);
    }

    @Benchmark
    public SourceRecord dedupBatchByHash() {
        return dedupBatch.apply(batch);
    }

    /** Baseline for the two benchmarks above that build a fresh event per operation. */
    @Benchmark
    public SourceRecord buildEventOnly() {
        return record(digitEvent("START:bench-" + sequence++));
    }

    @Benchmark
    public SourceRecord validateThenDedupNewEvent() {
        SourceRecord validated = validateDigit.apply(record(digitEvent("START:bench-" + sequence++)));
        return validated == null ? null : chainDedup.apply(validated);
    }

    private static <T extends org.apache.kafka.common.Configurable> T configured(T smt, Map<String, ?> props) {
        smt.configure(props);
        return smt;
    }

    private static SourceRecord record(Map<String, Object> value) {
        return new SourceRecord(null, null, "telemetry-enriched-messages", 0, null, value.get("mid"), null, value, 1L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> digitEvent(String mid) {
        Map<String, Object> event = sunbirdEvent(mid);
        Map<String, Object> edata = new HashMap<>((Map<String, Object>) event.get("edata"));
        edata.put("url", "https://amritsar.example.org/digit-ui/citizen/pgr/complaints");
        edata.put("userAgent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36");
        edata.put("cityId", "pb.amritsar");
        event.put("edata", edata);
        return event;
    }

    private static Map<String, Object> sunbirdEvent(String mid) {
        Map<String, Object> event = new HashMap<>();
        event.put("eid", "START");
        event.put("ets", 1764300000000L);
        event.put("ver", "3.0");
        event.put("mid", mid);
        event.put("actor", Map.of("id", "8c2f1e0a-user", "type", "User"));
        event.put("context", Map.of("channel", "pb.amritsar", "env", "pgr", "sid", "sess-1", "did", "device-1",
                "pdata", Map.of("id", "egov.digit.ui", "ver", "1.0", "pid", "citizen"), "cdata", List.of(),
                "rollup", Map.of()));
        event.put("object", Map.of());
        event.put("tags", List.of());
        event.put("edata", Map.of("type", "app", "mode", "play", "pageid", "complaints", "duration", 0));
        return event;
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(ValidateDedupBenchmark.class.getName())
                .build();
        new Runner(options).run();
    }
}
