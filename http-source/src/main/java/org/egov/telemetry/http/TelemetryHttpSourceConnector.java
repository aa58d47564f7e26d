package org.egov.telemetry.http;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.egov.telemetry.core.ConfigResults;
import org.egov.telemetry.core.TransformChecks;
import org.egov.telemetry.core.Version;

import java.util.ArrayList;
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
        new HttpSourceConfig(props).ensureConsistent();
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TelemetryHttpSourceTask.class;
    }

    /** Every task listens on the same port (SO_REUSEPORT); see {@link HttpSourceConfig#PORT}. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> tasks = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TASK_ID, props.getOrDefault("name", "telemetry-http") + "-" + i);
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return HttpSourceConfig.CONFIG_DEF;
    }

    /**
     * Adds the checks that span keys or touch files: the keystore opens with its password, the auth mode has
     * its secret or key and the key file parses. Each error is pinned to the key its exception names. The chain's
     * transformations check the keys Connect does not declare for them ({@link TransformChecks}).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (ConfigResults.eachKeyValid(result)) {
            ConfigResults.addErrors(result, new HttpSourceConfig(connectorConfigs).problems());
        }
        TransformChecks.addTo(result, connectorConfigs);
        return result;
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
