package org.egov.telemetry.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PipelineViewTest {

    private static Sample at(long ms, long ingest, long index, long indexLag) {
        return new Sample(ms, Map.of("ingest", ingest, "index", index), Map.of("index", indexLag),
                Map.of("ingest", 2, "index", 2));
    }

    private static final List<Sample> SAMPLES = List.of(
            at(0, 100, 50, 50), at(30_000, 400, 300, 100), at(50_000, 700, 600, 100),
            at(58_000, 900, 800, 100), at(60_000, 1_000, 900, 100));

    @Test
    void ratesCoverTheSampledPartOfEachWindow() {
        Map<String, Object> shortWindow = PipelineView.window(SAMPLES, "ingest", 10_000);
        assertThat(shortWindow).containsEntry("offsets", 300L).containsEntry("seconds", 10.0)
                .containsEntry("from", 50_000L);
        assertThat((Double) shortWindow.get("perSecond")).isCloseTo(30.0, within(1e-9));

        Map<String, Object> longWindow = PipelineView.window(SAMPLES, "ingest", 60_000);
        assertThat(longWindow).containsEntry("offsets", 900L).containsEntry("seconds", 60.0);
        assertThat((Double) longWindow.get("perSecond")).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void noRateFromOneSampleOrLessThanASecond() {
        assertThat(PipelineView.window(SAMPLES.subList(0, 1), "ingest", 10_000)).isNull();
        assertThat(PipelineView.window(List.of(at(0, 1, 1, 0), at(500, 9, 9, 0)), "ingest", 10_000)).isNull();
        assertThat(PipelineView.window(SAMPLES, "nowhere", 10_000)).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theViewAndItsPrometheusTextCarryStagesLagsStatesAndReasons() throws IOException {
        PipelineLayout layout = PipelineLayout.of(PipelineLayoutTest.shippedConnectors(), "connect-offsets");
        PipelineSampler.Snapshot snapshot = new PipelineSampler.Snapshot(layout, SAMPLES,
                List.of(new ReasonTally.Reason("telemetry-failed-messages", "validate-batch",
                        "required field 'ets' is missing", 7)), 1_000, null);
        Map<String, ConnectorStatus> statuses = Map.of("telemetry-es-sink", new ConnectorStatus("telemetry-es-sink",
                "sink", "RUNNING", "w1", Map.of(0, "RUNNING", 1, "FAILED"), Map.of(0, "w1", 1, "w2")));

        Map<String, Object> view = PipelineView.of(snapshot, statuses);

        List<Map<String, Object>> stages = (List<Map<String, Object>>) view.get("stages");
        Map<String, Object> index = stages.stream().filter(s -> s.get("id").equals("index")).findFirst().orElseThrow();
        assertThat(index).containsEntry("position", 900L).containsEntry("lag", 100L).containsEntry("partitions", 2)
                .containsEntry("state", "RUNNING")
                .containsEntry("tasks", Map.of("FAILED", 1, "RUNNING", 1));
        Map<String, Object> ingest = stages.get(0);
        assertThat(ingest).containsEntry("lag", null).containsEntry("state", null);
        Map<String, Object> history = (Map<String, Object>) view.get("history");
        assertThat(history.get("t")).isEqualTo(List.of(30_000L, 50_000L, 58_000L, 60_000L));
        // each point covers the 10 s before it at least: 58 s from 30 s, 60 s from 50 s
        assertThat((List<Double>) ((Map<String, Object>) history.get("rates")).get("ingest"))
                .containsExactly(10.0, 15.0, 500.0 / 28, 30.0);

        String text = new String(PrometheusView.of(view), StandardCharsets.UTF_8);
        assertThat(text)
                .contains("telemetry_pipeline_stage_offsets_total{stage=\"index\",topic=\"telemetry-enriched-messages\"} 900.0")
                .contains("telemetry_pipeline_stage_lag_offsets{stage=\"index\"} 100.0")
                .contains("telemetry_pipeline_stage_rate{stage=\"ingest\",window=\"10s\"} 30.0")
                .contains("telemetry_pipeline_connector_tasks{connector=\"telemetry-es-sink\",state=\"FAILED\"} 1.0")
                .contains("telemetry_pipeline_routed_records_total{kind=\"failed\",reason=\"required field 'ets' is "
                        + "missing\",stage=\"validate-batch\"} 7.0");
    }
}
