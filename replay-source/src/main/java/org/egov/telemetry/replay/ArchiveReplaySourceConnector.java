package org.egov.telemetry.replay;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.egov.telemetry.core.ConfigResults;
import org.egov.telemetry.core.TransformChecks;
import org.egov.telemetry.core.Version;
import org.egov.telemetry.s3.S3Clients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Replays the S3 sink's archive: every line (one batch) of the objects of a range of days, or under a prefix, is
 * written unchanged to a replay topic, exactly once with an exactly-once worker. Objects are spread over the tasks
 * by their keys. Archive objects are only read, never deleted or moved.
 *
 * <p>The connector checks the range against the committed offsets now and then; once every object has been
 * replayed to its end it logs so, and runs with no tasks until objects are added to the range.
 */
public class ArchiveReplaySourceConnector extends SourceConnector {

    private static final Logger log = LoggerFactory.getLogger(ArchiveReplaySourceConnector.class);

    static final String TASK_INDEX = "replay.task.index";
    static final String TASK_COUNT = "replay.task.count";

    private Map<String, String> props;
    private ReplaySourceConfig config;
    private S3Client client;
    private ReplayProgress progress;
    private ScheduledExecutorService checker;
    private volatile boolean complete;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ReplaySourceConfig(props);
        config.ensureConsistent();
        this.props = Map.copyOf(props);
        client = S3Clients.create(config.store());
        String bucket = config.store().bucketName();
        ArchiveRange range = config.range();
        progress = new ReplayProgress(() -> ArchiveListing.list(client, bucket, range), context().offsetStorageReader(),
                context.pluginMetrics());
        // the first look before any task starts: a finished replay that restarts gets no tasks at all
        checkProgress();
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "archive-replay-progress-" + props.getOrDefault("name", "replay"));
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::checkProgress, config.progressIntervalMs(), config.progressIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    private void checkProgress() {
        try {
            ReplayProgress.Snapshot now = progress.check();
            if (now.complete() && !complete) {
                complete = true;
                log.info("Replay of {} is complete: {} objects, {} lines; the connector runs with no tasks now",
                        config.range(), now.objects(), now.linesDone());
                context.requestTaskReconfiguration();
            } else if (!now.complete()) {
                log.info("Replay of {}: {} of {} objects done, {} lines, {} bytes to go", config.range(),
                        now.objectsDone(), now.objects(), now.linesDone(), now.bytesRemaining());
                if (complete) {
                    // objects archived into the range since it was complete (it includes the day being archived)
                    complete = false;
                    context.requestTaskReconfiguration();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the progress of the replay of {}: {}", config.range(), e.toString());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ArchiveReplaySourceTask.class;
    }

    /** No tasks once the replay is complete; else {@code maxTasks}, each taking the objects its index hashes to. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; !complete && i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TASK_INDEX, Integer.toString(i));
            task.put(TASK_COUNT, Integer.toString(maxTasks));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (checker != null) {
            checker.shutdownNow();
        }
        if (client != null) {
            client.close();
        }
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (ConfigResults.eachKeyValid(result)) {
            ConfigResults.addErrors(result, new ReplaySourceConfig(connectorConfigs).problems());
        }
        TransformChecks.addTo(result, connectorConfigs);
        return result;
    }

    @Override
    public ConfigDef config() {
        return ReplaySourceConfig.CONFIG_DEF;
    }

    /** Source offsets are object lines, committed with the records by an exactly-once worker. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
