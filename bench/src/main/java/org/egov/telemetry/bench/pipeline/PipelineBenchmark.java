package org.egov.telemetry.bench.pipeline;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.egov.telemetry.bench.edge.Batches;
import org.egov.telemetry.bench.pipeline.OpenLoopLoad.Outcome;
import org.egov.telemetry.bench.pipeline.ProbeTracker.Probe;
import org.egov.telemetry.bench.pipeline.StackGauges.Snapshot;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The whole pipeline of the local stack ({@code ./telemetry-stack up}, the connector JSON of {@code connectors/})
 * driven the way clients drive it: DIGIT-style batches of 10 events posted to the HTTP source in open loop at
 * fixed rates, one step after another, through both hops into the index and the archive.
 *
 * <p>For each step it prints the accepted rate and the edge's answer latency, each stage's drain rate and lag at
 * the end of the step, whether the end-to-end backlog stayed bounded, ingest→searchable and ingest→archived
 * latency of probe batches, the time the pipeline then needed to catch up, and the CPU seconds each process of
 * the stack used per 1,000 events. The sustained rate is the highest step that the edge accepted in full and whose
 * backlog did not grow. Then it measures the search node's ceiling for the same documents (direct {@code _bulk},
 * same template) and prints the ratio.
 *
 * <p>Arguments (all optional): {@code steps=2000,5000,10000,20000,40000 seconds=60 connections=128 drain=180
 * warmup=5000:30} (a first step at that rate for that many seconds, printed but not counted; 0:0 for none)
 * ceiling=200000 ceiling.compare=0 ingest=http://127.0.0.1:9001/v1/telemetry bootstrap=127.0.0.1:9092
 * search=http://127.0.0.1:9200 store=http://127.0.0.1:9000 data=data}. Run from the repository root.
 */
public final class PipelineBenchmark {

    private static final double BOUNDED_GROWTH = 0.05;
    /**
     * A backlog no larger than this many seconds of the step's rate at its end also counts as bounded: the sink
     * indexes in bulks and commits every 10 s, so the backlog sampled each second is a saw-tooth whose slope over
     * half a step can be positive at a rate the pipeline keeps up with. (How fast the backlog clears after the step
     * says nothing: with ingest stopped, the downstream stages get the cores the edge had.)
     */
    private static final long BOUNDED_BACKLOG_SECONDS = 10;
    private static final int PROBES_PER_SECOND = 4;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Configurator.setRootLevel(Level.WARN);      // the figures, not the clients' start-up logs
        Map<String, String> options = options(args);
        int[] steps = options.get("steps").isBlank() ? new int[0]
                : Arrays.stream(options.get("steps").split(",")).mapToInt(Integer::parseInt).toArray();
        long seconds = Long.parseLong(options.get("seconds"));
        long drainSeconds = Long.parseLong(options.get("drain"));
        URI search = URI.create(options.get("search"));
        OpenLoopLoad load = new OpenLoopLoad(URI.create(options.get("ingest")),
                Integer.parseInt(options.get("connections")));
        List<String> summary = new ArrayList<>();
        int sustained = 0;
        try (StackGauges gauges = new StackGauges(options.get("bootstrap"), search,
                Path.of(options.get("data"), "run"));
             ProbeTracker probes = new ProbeTracker(search, URI.create(options.get("store")), "egov-telemetry-data",
                     "local-access-key", "local-secret-key")) {
            System.out.printf(Locale.ROOT, "pipeline benchmark: batches of %d events (~%d bytes), %d connections, "
                            + "steps of %d s, open loop%n", Batches.EVENTS,
                    Batches.batch("sample-0000000000").length(), Integer.parseInt(options.get("connections")), seconds);
            String[] warmup = options.get("warmup").split(":");
            if (Integer.parseInt(warmup[0]) > 0) {
                System.out.println("warm-up step (discarded):");
                step(load, gauges, probes, Integer.parseInt(warmup[0]), Long.parseLong(warmup[1]), drainSeconds);
            }
            for (int rate : steps) {
                StepResult result = step(load, gauges, probes, rate, seconds, drainSeconds);
                summary.add(result.line());
                if (result.sustained()) {
                    sustained = Math.max(sustained, rate);
                }
            }
            System.out.println();
            summary.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "sustained end to end: %,d events/s (highest step accepted in full with a "
                    + "bounded backlog)%n", sustained);
            SearchCeiling direct = new SearchCeiling(search, options.get("bootstrap"));
            int documents = Integer.parseInt(options.get("ceiling"));
            if (documents > 0) {
                direct.measure(documents, 500, 5, SearchCeiling.Strings.AS_SHIPPED);      // warm-up, not counted
                double ceiling = direct.measure(documents, 500, 5, SearchCeiling.Strings.AS_SHIPPED);
                System.out.printf(Locale.ROOT, "search node ceiling (direct _bulk of %,d enriched documents, batch 500,"
                        + " 5 in flight, same template, after a warm-up round): %,.0f docs/s; sustained/ceiling %.2f%n",
                        documents, ceiling, sustained / ceiling);
            }
            int rounds = Integer.parseInt(options.get("ceiling.compare"));
            for (int round = 1; round <= rounds; round++) {
                // the order alternates: a later load runs on a warmer node
                boolean textFirst = round % 2 == 1;
                double first = direct.measure(documents, 500, 5, textFirst ? SearchCeiling.Strings.TEXT_AND_KEYWORD
                        : SearchCeiling.Strings.KEYWORD);
                double second = direct.measure(documents, 500, 5, textFirst ? SearchCeiling.Strings.KEYWORD
                        : SearchCeiling.Strings.TEXT_AND_KEYWORD);
                double text = textFirst ? first : second;
                double keyword = textFirst ? second : first;
                System.out.printf(Locale.ROOT, "  round %d (%s first): dynamic strings as text+keyword %,.0f docs/s, "
                        + "as keyword only %,.0f docs/s (%+.0f %%)%n", round, textFirst ? "text" : "keyword", text,
                        keyword, (keyword / text - 1) * 100);
            }
        }
    }

    private record StepResult(String line, boolean sustained) {
    }

    private static StepResult step(OpenLoopLoad load, StackGauges gauges, ProbeTracker probes, int rate, long seconds,
                                   long drainSeconds) throws Exception {
        AtomicLong acceptedSoFar = new AtomicLong();
        Snapshot before = gauges.read(true);
        long archivedBefore = probes.linesArchived();
        long startMillis = System.currentTimeMillis();
        List<long[]> backlog = new ArrayList<>();       // [seconds since start, events accepted - indexed]
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    Snapshot now = gauges.read();
                    long accepted = acceptedSoFar.get() * Batches.EVENTS;
                    synchronized (backlog) {
                        backlog.add(new long[] {(now.nanos() - before.nanos()) / 1_000_000,
                                accepted - (now.indexed() - before.indexed())});
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("sampler: " + e);
            }
        }, "bench-sampler");
        sampler.setDaemon(true);
        sampler.start();
        int probeEvery = Math.max(1, rate / Batches.EVENTS / PROBES_PER_SECOND);
        Outcome outcome = load.run(Integer.toString(rate), rate, seconds, probeEvery, probes::sent, acceptedSoFar);
        sampler.interrupt();
        sampler.join();
        Snapshot after = gauges.read();
        long endMillis = System.currentTimeMillis();
        long archivedAtEnd = probes.linesArchived() - archivedBefore;

        double elapsed = (after.nanos() - before.nanos()) / 1e9;
        long acceptedEvents = outcome.accepted() * Batches.EVENTS;
        boolean acceptedInFull = outcome.accepted() >= 0.95 * outcome.scheduled();
        double growth = slopeOfSecondHalf(backlog);

        // catch-up: how long after the step the last accepted event is indexed and the last batch archived
        long drainStart = System.nanoTime();
        long indexedAllAfter = -1;
        long archivedAllAfter = -1;
        Snapshot drained = after;
        while (System.nanoTime() - drainStart < drainSeconds * 1_000_000_000L
                && (indexedAllAfter < 0 || archivedAllAfter < 0)) {
            drained = gauges.read();
            long waited = (System.nanoTime() - drainStart) / 1_000_000;
            if (indexedAllAfter < 0 && drained.indexed() - before.indexed() >= acceptedEvents) {
                indexedAllAfter = waited;
            }
            if (archivedAllAfter < 0 && probes.linesArchived() - archivedBefore >= outcome.accepted()) {
                archivedAllAfter = waited;
            }
            Thread.sleep(500);
        }
        drained = gauges.read(true);
        long backlogAtEnd = acceptedEvents - (after.indexed() - before.indexed());
        boolean bounded = growth < BOUNDED_GROWTH * rate || backlogAtEnd <= BOUNDED_BACKLOG_SECONDS * rate;
        List<Probe> stepProbes = probes.probesSince(startMillis, endMillis);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nstep %,d events/s for %.0f s: accepted %,.0f events/s (%,d of %,d batches;"
                        + " refused %,d, unsent %,d, errors %,d), answer p50 %.1f ms p99 %.1f ms (from the scheduled send)%n",
                rate, elapsed, acceptedEvents / elapsed, outcome.accepted(), outcome.scheduled(), outcome.refused(),
                outcome.unsent(), outcome.errors(), outcome.percentileMillis(50), outcome.percentileMillis(99)));
        out.append(String.format(Locale.ROOT, "  drain during the step: batch topic %,.0f offsets/s | unbundled %,.0f "
                        + "batches/s (%,.0f events/s) | event topic %,.0f offsets/s | indexed %,.0f docs/s | archived %,.0f "
                        + "batches/s%n",
                rate(before, after, Snapshot::batchEnd), rate(before, after, Snapshot::unbundled),
                rate(before, after, Snapshot::unbundled) * Batches.EVENTS, rate(before, after, Snapshot::eventEnd),
                rate(before, after, Snapshot::indexed), archivedAtEnd / elapsed));
        out.append(String.format(Locale.ROOT, "  lag at the end: unbundle %,d batches | index %,d events | archive %,d "
                        + "batches | end to end %,d events, growing %,.0f events/s over the second half%n",
                after.batchEnd() - after.unbundled(),
                (after.eventEnd() - before.eventEnd()) - (after.indexed() - before.indexed()),
                outcome.accepted() - archivedAtEnd,
                acceptedEvents - (after.indexed() - before.indexed()), growth));
        out.append(String.format(Locale.ROOT, "  after the step: every accepted event indexed %s, every batch archived %s"
                        + " -> backlog %s%n",
                indexedAllAfter < 0 ? "not within " + drainSeconds + " s" : String.format(Locale.ROOT, "after %.1f s",
                        indexedAllAfter / 1000.0),
                archivedAllAfter < 0 ? "not within " + drainSeconds + " s" : String.format(Locale.ROOT, "after %.1f s",
                        archivedAllAfter / 1000.0), bounded ? "bounded" : "NOT bounded"));
        out.append(String.format(Locale.ROOT, "  probes (%d): ingest->searchable %s | ingest->archived %s (to within 2 s)%n",
                stepProbes.size(), latencies(stepProbes, true), latencies(stepProbes, false)));
        out.append("  CPU s per 1k events (step and catch-up):");
        double totalCpu = 0;
        for (Map.Entry<String, Double> cpu : drained.cpuSeconds().entrySet()) {
            double used = cpu.getValue() - before.cpuSeconds().getOrDefault(cpu.getKey(), 0.0);
            totalCpu += used;
            out.append(String.format(Locale.ROOT, " %s %.3f", cpu.getKey(), used / (acceptedEvents / 1000.0)));
        }
        double busy = (drained.nanos() - before.nanos()) / 1e9;
        out.append(String.format(Locale.ROOT, " | total %.3f (%.2f cores over the step and catch-up)%n",
                totalCpu / (acceptedEvents / 1000.0), totalCpu / busy));
        out.append("  worker CPU by stage, µs per event:");
        for (Map.Entry<String, Double> group : drained.workerCpuSeconds().entrySet()) {
            double used = group.getValue() - before.workerCpuSeconds().getOrDefault(group.getKey(), 0.0);
            out.append(String.format(Locale.ROOT, " %s %.0f;", group.getKey(), used * 1e6 / acceptedEvents));
        }
        out.append(System.lineSeparator());
        System.out.print(out);
        String line = String.format(Locale.ROOT, "step %,7d: accepted %,8.0f ev/s, indexed %,8.0f docs/s, e2e lag %s, "
                        + "searchable p50/p99 %s", rate, acceptedEvents / elapsed, rate(before, after, Snapshot::indexed),
                bounded ? "bounded" : "growing", latencies(stepProbes, true));
        return new StepResult(line, acceptedInFull && bounded);
    }

    private static double rate(Snapshot before, Snapshot after, ToLongFunction<Snapshot> gauge) {
        return (gauge.applyAsLong(after) - gauge.applyAsLong(before)) / ((after.nanos() - before.nanos()) / 1e9);
    }

    /** Least-squares slope (events/s) of the backlog over the second half of the samples. */
    private static double slopeOfSecondHalf(List<long[]> samples) {
        List<long[]> half;
        synchronized (samples) {
            half = new ArrayList<>(samples.subList(samples.size() / 2, samples.size()));
        }
        if (half.size() < 3) {
            return 0;
        }
        double n = half.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (long[] s : half) {
            double x = s[0] / 1000.0;
            sx += x;
            sy += s[1];
            sxx += x * x;
            sxy += x * s[1];
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private static String latencies(List<Probe> probes, boolean searchable) {
        long[] took = probes.stream().filter(p -> (searchable ? p.searchableAt : p.archivedAt) > 0)
                .mapToLong(p -> (searchable ? p.searchableAt : p.archivedAt) - p.sentAt).sorted().toArray();
        if (took.length == 0) {
            return "none seen";
        }
        return String.format(Locale.ROOT, "p50 %.1f s p99 %.1f s (%d of %d seen)", took[percentile(took, 50)] / 1000.0,
                took[percentile(took, 99)] / 1000.0, took.length, probes.size());
    }

    private static int percentile(long[] sorted, int p) {
        return (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("steps", "2000,5000,10000,20000,40000");
        options.put("seconds", "60");
        options.put("connections", "128");
        options.put("drain", "180");
        options.put("warmup", "5000:30");
        options.put("ceiling", "200000");
        options.put("ceiling.compare", "0");
        options.put("ingest", "http://127.0.0.1:9001/v1/telemetry");
        options.put("bootstrap", "127.0.0.1:9092");
        options.put("search", "http://127.0.0.1:9200");
        options.put("store", "http://127.0.0.1:9000");
        options.put("data", "data");
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !options.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + options.keySet());
            }
            options.put(kv[0], kv[1]);
        }
        return options;
    }
}
