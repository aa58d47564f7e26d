package org.egov.telemetry.console;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The console's figures in Prometheus' text format, from the same view the JSON shows. */
final class PrometheusView {

    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    /** Reasons beyond the most frequent ones are left out: each is a time series. */
    static final int MAX_REASONS = 20;

    private PrometheusView() {
    }

    @SuppressWarnings("unchecked")
    static byte[] of(Map<String, Object> view) throws IOException {
        CounterSnapshot.Builder offsets = CounterSnapshot.builder().name("telemetry_pipeline_stage_offsets")
                .help("Offsets a stage wrote (a topic) or committed (a reader), summed over partitions");
        GaugeSnapshot.Builder rates = GaugeSnapshot.builder().name("telemetry_pipeline_stage_rate")
                .help("Offsets per second of a stage over the window");
        GaugeSnapshot.Builder lags = GaugeSnapshot.builder().name("telemetry_pipeline_stage_lag_offsets")
                .help("Offsets of a reader's input topic it has not committed yet");
        GaugeSnapshot.Builder tasks = GaugeSnapshot.builder().name("telemetry_pipeline_connector_tasks")
                .help("Tasks of a connector, by state");
        CounterSnapshot.Builder routed = CounterSnapshot.builder().name("telemetry_pipeline_routed_records")
                .help("Records of the failed and duplicate topics by reason, counted since the console began "
                        + "reading them");
        for (Map<String, Object> stage : (List<Map<String, Object>>) view.get("stages")) {
            String id = (String) stage.get("id");
            if (stage.get("position") instanceof Number position) {
                offsets.dataPoint(CounterDataPointSnapshot.builder().value(position.doubleValue())
                        .labels(Labels.of("stage", id, "topic", (String) stage.get("topic"))).build());
            }
            Map<String, Object> windows = (Map<String, Object>) stage.get("rates");
            for (String window : new String[] {"10s", "1m"}) {
                if (windows.get(window) instanceof Map<?, ?> w) {
                    gauge(rates, w.get("perSecond"), Labels.of("stage", id, "window", window));
                }
            }
            gauge(lags, stage.get("lag"), Labels.of("stage", id));
        }
        for (Map<String, Object> connector : (List<Map<String, Object>>) view.get("connectors")) {
            Map<String, Integer> byState = new java.util.TreeMap<>();
            for (Map<String, Object> task : (List<Map<String, Object>>) connector.get("tasks")) {
                byState.merge(String.valueOf(task.get("state")), 1, Integer::sum);
            }
            byState.forEach((state, n) -> gauge(tasks, n,
                    Labels.of("connector", (String) connector.get("name"), "state", state)));
        }
        Map<String, Object> reasons = (Map<String, Object>) view.get("reasons");
        ((List<Map<String, Object>>) reasons.get("items")).stream().limit(MAX_REASONS).forEach(r ->
                routed.dataPoint(CounterDataPointSnapshot.builder().value(((Number) r.get("count")).doubleValue())
                        .labels(Labels.of("kind", (String) r.get("kind"), "stage", (String) r.get("stage"),
                                "reason", (String) r.get("reason"))).build()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, MetricSnapshots.of(offsets.build(), rates.build(),
                lags.build(), tasks.build(), routed.build()));
        return out.toByteArray();
    }

    private static void gauge(GaugeSnapshot.Builder builder, Object value, Labels labels) {
        if (value instanceof Number n) {
            builder.dataPoint(GaugeDataPointSnapshot.builder().value(n.doubleValue()).labels(labels).build());
        }
    }
}
