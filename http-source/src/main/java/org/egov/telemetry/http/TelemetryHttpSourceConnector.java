package org.egov.telemetry.http;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.egov.telemetry.core.Version;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sunbird-compatible telemetry ingest: an HTTP listener inside the Connect worker that turns each
 * {@code POST /v1/telemetry} batch into one Kafka record and answers the client once the record is written.
 */
public class TelemetryHttpSourceConnector extends SourceConnector {

    static final String TASK_ID = "task.id";

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new HttpSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TelemetryHttpSourceTask.class;
    }

    /** One listener: every task would bind the same port. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Map<String, String> task = new HashMap<>(props);
        task.put(TASK_ID, props.getOrDefault("name", "telemetry-http") + "-0");
        return List.of(task);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return HttpSourceConfig.CONFIG_DEF;
    }

    /**
     * Records are written in the worker's transactions like any source's; there are no source offsets to
     * resume from (a client whose batch was not acknowledged sends it again).
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
