package org.egov.telemetry.s3;

import org.egov.telemetry.core.ConfigResults;
import org.egov.telemetry.core.Version;
import org.egov.telemetry.s3.config.S3SinkConnectorConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Archives records to S3 (or an S3-compatible store) as NDJSON objects, one record value per line,
 * named {@code <topics.dir>/<topic>/dt=YYYY-MM-DD/<topic>+<partition>+<startOffset>.json.gz}.
 * Property names follow Confluent's S3 sink. Each offset range is written to a deterministic object name and its
 * offsets are committed only once the object is uploaded, so a replay rewrites objects instead of adding any.
 */
public class S3SinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new S3SinkConnectorConfig(props).ensureConsistent();
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return S3SinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return S3SinkConnectorConfig.CONFIG_DEF;
    }

    /** Per-key validation by the ConfigDef, then the cross-key checks, each error pinned to the key to fix. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (ConfigResults.eachKeyValid(result)) {
            ConfigResults.addErrors(result, new S3SinkConnectorConfig(connectorConfigs).problems());
        }
        return result;
    }
}
