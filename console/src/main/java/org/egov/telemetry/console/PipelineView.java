package org.egov.telemetry.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline as the console's JSON shows it: stage by stage along the topic chain, with positions, rates over
 * 10 s and 1 min, lags, connector and task states, and the failed and duplicate records by reason.
 */
final class PipelineView {

    static final long SHORT_WINDOW_MS = 10_000;
    static final long LONG_WINDOW_MS = 60_000;

    private PipelineView() {
    }

    static Map<String, Object> of(PipelineSampler.Snapshot snapshot, Map<String, ConnectorStatus> connectors) {
        List<Sample> samples = snapshot.samples();
        Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sampledAt", last == null ? null : last.atMs());
        view.put("error", snapshot.error());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (Stage stage : snapshot.layout().stages()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", stage.id());
            s.put("label", stage.label());
            s.put("unit", stage.unit());
            s.put("kind", stage.kind().name().toLowerCase(java.util.Locale.ROOT));
            s.put("topic", stage.topic());
            s.put("connector", stage.connector());
            s.put("position", last == null ? null : last.positions().get(stage.id()));
            Map<String, Object> rates = new LinkedHashMap<>();
            rates.put("10s", window(samples, stage.id(), SHORT_WINDOW_MS));
            rates.put("1m", window(samples, stage.id(), LONG_WINDOW_MS));
            s.put("rates", rates);
            s.put("partitions", last == null ? null : last.partitions().get(stage.id()));
            s.put("lag", stage.hasLag() && last != null ? last.lags().get(stage.id()) : null);
            ConnectorStatus status = stage.connector() == null ? null : connectors.get(stage.connector());
            s.put("state", status == null ? null : status.state());
            s.put("tasks", status == null ? Map.of() : taskCounts(status));
            stages.add(s);
        }
        view.put("stages", stages);
        view.put("connectors", connectors.values().stream().map(PipelineView::connector).toList());
        view.put("reasons", reasons(snapshot));
        view.put("history", history(snapshot));
        return view;
    }

    /**
     * The offsets a stage moved over the last {@code windowMs} (or as much of it as was sampled): per second,
     * and the offsets and seconds it is computed from; null with less than a second of samples.
     */
    static Map<String, Object> window(List<Sample> samples, String stage, long windowMs) {
        if (samples.size() < 2) {
            return null;
        }
        Sample last = samples.get(samples.size() - 1);
        Sample first = null;
        for (Sample s : samples) {
            if (s.atMs() >= last.atMs() - windowMs && s.positions().containsKey(stage)) {
                first = s;
                break;
            }
        }
        if (first == null || !last.positions().containsKey(stage) || last.atMs() - first.atMs() < 1_000) {
            return null;
        }
        long offsets = Math.max(0, last.positions().get(stage) - first.positions().get(stage));
        long millis = last.atMs() - first.atMs();
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("perSecond", offsets * 1000.0 / millis);
        window.put("offsets", offsets);
        window.put("seconds", millis / 1000.0);
        window.put("from", first.atMs());
        return window;
    }

    private static Map<String, Integer> taskCounts(ConnectorStatus status) {
        Map<String, Integer> counts = new TreeMap<>();
        status.tasks().values().forEach(state -> counts.merge(state, 1, Integer::sum));
        return counts;
    }

    private static Map<String, Object> connector(ConnectorStatus status) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", status.name());
        c.put("type", status.type());
        c.put("state", status.state());
        c.put("worker", status.worker());
        List<Map<String, Object>> tasks = new ArrayList<>();
        new TreeMap<>(status.tasks()).forEach((id, state) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", id);
            t.put("state", state);
            t.put("worker", status.workers().get(id));
            tasks.add(t);
        });
        c.put("tasks", tasks);
        return c;
    }

    private static Map<String, Object> reasons(PipelineSampler.Snapshot snapshot) {
        Stage failed = snapshot.layout().stage("failed");
        List<Map<String, Object>> items = new ArrayList<>();
        for (ReasonTally.Reason r : snapshot.reasons()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", failed != null && failed.topic().equals(r.topic()) ? "failed" : "duplicate");
            item.put("topic", r.topic());
            item.put("stage", r.stage());
            item.put("reason", r.reason());
            item.put("count", r.count());
            items.add(item);
        }
        Map<String, Object> reasons = new LinkedHashMap<>();
        reasons.put("since", snapshot.reasonsSince() < 0 ? null : snapshot.reasonsSince());
        reasons.put("seedPerPartition", ReasonTally.SEED);
        reasons.put("items", items);
        return reasons;
    }

    /**
     * Rates per stage for the page's chart: at each sample, over the {@link #SHORT_WINDOW_MS} before it (from the
     * latest sample at least that old, or the oldest). Between two samples 2 s apart, a sink's position, its
     * consumer group's offsets committed every {@code offset.flush.interval.ms}, moves in steps, which a chart of
     * consecutive samples drew as spikes and zeros.
     */
    private static Map<String, Object> history(PipelineSampler.Snapshot snapshot) {
        List<Sample> samples = snapshot.samples();
        List<Long> times = new ArrayList<>();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        snapshot.layout().stages().forEach(s -> series.put(s.id(), new ArrayList<>()));
        for (int i = 1; i < samples.size(); i++) {
            Sample b = samples.get(i);
            int from = i - 1;
            while (from > 0 && b.atMs() - samples.get(from).atMs() < SHORT_WINDOW_MS) {
                from--;
            }
            Sample a = samples.get(from);
            times.add(b.atMs());
            for (Map.Entry<String, List<Double>> e : series.entrySet()) {
                Map<String, Object> between = window(List.of(a, b), e.getKey(), Long.MAX_VALUE);
                e.getValue().add(between == null ? null : (Double) between.get("perSecond"));
            }
        }
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("t", times);
        history.put("rates", series);
        return history;
    }
}
