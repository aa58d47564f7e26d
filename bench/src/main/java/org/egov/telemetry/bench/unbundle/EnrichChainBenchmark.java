package org.egov.telemetry.bench.unbundle;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.dedup.DeduplicateTelemetry;
import org.egov.telemetry.enrich.EnrichTelemetry;
import org.egov.telemetry.unbundle.Unbundler;
import org.egov.telemetry.validate.ValidateTelemetry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Events per second on one core for EnrichTelemetry (timestamp only; timestamp + user agent + tenancy +
 * a file lookup, as {@code connectors/} configures it) and for the whole unbundle hop as the worker runs it
 * per batch of 10 events: unbundle → validate(event, digit) → dedup(mid, memory) → enrich → JsonConverter,
 * against the same hop with no SMT. Run with {@link #main}; see bench/README.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class EnrichChainBenchmark {

    static final int EVENTS_PER_BATCH = 10;

    private EnrichTelemetry<SourceRecord> enrichTimestamp;
    private EnrichTelemetry<SourceRecord> enrichFull;
    private ValidateTelemetry<SourceRecord> validate;
    private DeduplicateTelemetry<SourceRecord> dedup;
    private EnrichTelemetry<SourceRecord> chainEnrich;
    private Unbundler unbundler;
    private JsonConverter converter;
    private Map<String, Object> event;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        Path tenants = SampleTelemetry.tenantTable();
        Map<String, String> full = new HashMap<>(Map.of("useragent.enabled", "true", "tenancy.enabled", "true",
                "lookups", "tenant", "lookup.tenant.key.field", "tenant.tenantId",
                "lookup.tenant.target.field", "tenantdata", "lookup.tenant.file", tenants.toString()));
        enrichTimestamp = configured(new EnrichTelemetry<>(), Map.of());
        enrichFull = configured(new EnrichTelemetry<>(), full);
        chainEnrich = configured(new EnrichTelemetry<>(), full);
        validate = configured(new ValidateTelemetry<>(), Map.of("mode", "event", "profile", "digit"));
        dedup = configured(new DeduplicateTelemetry<>(), Map.of("key", "mid"));
        unbundler = new Unbundler("events", "failed", 512 * 1024);
        converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        try {
            event = org.egov.telemetry.core.Json.parseObject(SampleTelemetry.event("INTERACT:bench"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T extends org.apache.kafka.connect.transforms.Transformation<SourceRecord>> T configured(
            T smt, Map<String, String> props) {
        smt.configure(props);
        return smt;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (var smt : List.of(enrichTimestamp, enrichFull, chainEnrich, validate, dedup)) {
            smt.close();
        }
    }

    private SourceRecord eventRecord() {
        return new SourceRecord(null, null, "events", null, null, "INTERACT:bench", null, event, 0L);
    }

    @Benchmark
    public SourceRecord enrichTimestampOnly() {
        return enrichTimestamp.apply(eventRecord());
    }

    @Benchmark
    public SourceRecord enrichAsConnectorsConfigureIt() {
        return enrichFull.apply(eventRecord());
    }

    /** The hop without SMTs: unbundle a batch and serialise each event as the worker's converter does. */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_BATCH)
    public void hopWithoutSmts(Blackhole sink) {
        for (SourceRecord record : unbundle()) {
            sink.consume(converter.fromConnectData(record.topic(), null, record.value()));
        }
    }

    /** The same hop with validate(event) → dedup(mid) → enrich, every event new to the dedup store. */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_BATCH)
    public void hopWithChain(Blackhole sink) {
        for (SourceRecord record : unbundle()) {
            SourceRecord out = validate.apply(record);
            out = out == null ? null : dedup.apply(out);
            out = out == null ? null : chainEnrich.apply(out);
            if (out != null) {
                sink.consume(converter.fromConnectData(out.topic(), null, out.value()));
            }
        }
    }

    private List<SourceRecord> unbundle() {
        byte[] batch = SampleTelemetry.batchBytes("batch-" + sequence++, EVENTS_PER_BATCH);
        return unbundler.unbundle("batches", 0, sequence, batch, 0L, List.of());
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(EnrichChainBenchmark.class.getSimpleName()).build()).run();
    }
}
