package org.egov.telemetry.bench.unbundle;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.egov.telemetry.dedup.DeduplicateTelemetry;
import org.egov.telemetry.enrich.EnrichTelemetry;
import org.egov.telemetry.unbundle.Unbundler;
import org.egov.telemetry.validate.ValidateTelemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU cost per event of the unbundle hop, step by step (bare → +validate → +dedup → +enrich), measured in
 * short interleaved slices so that the load of a shared machine falls on every step alike. Complements the
 * JMH figures, which are taken one after another. Argument: seconds to run (default 40).
 */
public final class ChainCostBreakdown {

    private static final int EVENTS_PER_BATCH = 10;
    private static final String[] STEPS = {"bare hop", "+ validate", "+ dedup", "+ enrich"};

    private ChainCostBreakdown() {
    }

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 40;
        Map<String, String> enrichConfig = new HashMap<>(Map.of("useragent.enabled", "true",
                "tenancy.enabled", "true", "lookups", "tenant", "lookup.tenant.key.field", "tenant.tenantId",
                "lookup.tenant.target.field", "tenantdata",
                "lookup.tenant.file", SampleTelemetry.tenantTable().toString()));
        List<Transformation<SourceRecord>> chain = new ArrayList<>();
        chain.add(configured(new ValidateTelemetry<>(), Map.of("mode", "event", "profile", "digit")));
        chain.add(configured(new DeduplicateTelemetry<>(), Map.of("key", "mid")));
        chain.add(configured(new EnrichTelemetry<>(), enrichConfig));
        Unbundler unbundler = new Unbundler("events", "failed", 512 * 1024);
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);

        long[] nanos = new long[STEPS.length];
        long[] events = new long[STEPS.length];
        long sequence = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int steps = 0; steps < STEPS.length; steps++) {
                long start = System.nanoTime();
                for (int b = 0; b < 20; b++) {
                    byte[] batch = SampleTelemetry.batchBytes("batch-" + sequence++, EVENTS_PER_BATCH);
                    for (SourceRecord record : unbundler.unbundle("batches", 0, sequence, batch, 0L, List.of())) {
                        SourceRecord out = record;
                        for (int i = 0; i < steps && out != null; i++) {
                            out = chain.get(i).apply(out);
                        }
                        if (out != null) {
                            converter.fromConnectData(out.topic(), null, out.value());
                        }
                        events[steps]++;
                    }
                }
                nanos[steps] += System.nanoTime() - start;
            }
        }
        double bare = (double) nanos[0] / events[0];
        for (int steps = 0; steps < STEPS.length; steps++) {
            double perEvent = (double) nanos[steps] / events[steps];
            System.out.printf(Locale.ROOT, "%-11s %7.1f us/event %9.0f events/s  cost %.2fx the bare hop%n",
                    STEPS[steps], perEvent / 1e3, 1e9 / perEvent, perEvent / bare);
        }
        chain.forEach(Transformation::close);
    }

    private static <T extends Transformation<SourceRecord>> T configured(T smt, Map<String, String> props) {
        smt.configure(props);
        return smt;
    }
}
