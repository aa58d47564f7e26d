package org.egov.telemetry.http;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.egov.telemetry.core.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the HTTP listener and hands accepted batches to Connect. {@link #commitRecord} completes the waiting
 * request, so a client is acknowledged only for a batch that is in Kafka.
 */
public class TelemetryHttpSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(TelemetryHttpSourceTask.class);
    private static final long POLL_WAIT_MS = 500;

    private HttpSourceConfig config;
    private IngestQueue queue;
    private IngestServer server;
    private String taskId;
    private InflightBudget budget;
    private GracefulStop stop;
    private volatile boolean stopping;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new HttpSourceConfig(props);
        config.tls().check();
        Authenticator authenticator = config.auth().authenticator();
        taskId = props.getOrDefault(TelemetryHttpSourceConnector.TASK_ID, "telemetry-http-0");
        queue = new IngestQueue(config.topic(), taskId);
        budget = new InflightBudget(config.maxInflightBatches(), config.maxInflightBytes());
        IngestMetrics metrics = new IngestMetrics(pluginMetrics(), budget, config.ackTimeoutMs());
        server = new IngestServer(config, new IngestHandler(config, authenticator, budget, queue, metrics),
                "telemetry-http-" + taskId);
        server.start();
        stop = new GracefulStop(taskId, queue, server, budget, config.stopTimeoutMs());
        log.info("Telemetry HTTP source {} listening on {}://{}:{}{} (auth {})", taskId,
                config.tls().enabled() ? "https" : "http", config.bindAddress(), server.port(), config.paths(),
                config.auth().mode().name().toLowerCase(java.util.Locale.ROOT));
    }

    private PluginMetrics pluginMetrics() {
        try {
            return context == null ? null : context.pluginMetrics();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping || stop.begun()) {
            return null;
        }
        if (!server.isRunning()) {
            throw new ConnectException("The telemetry HTTP listener of " + taskId + " stopped unexpectedly");
        }
        List<BatchRecord> batches = queue.drain(config.pollMaxBatches(), POLL_WAIT_MS);
        if (batches.isEmpty()) {
            return null;
        }
        log.trace("Handing {} batches to Connect", batches.size());
        return new ArrayList<>(batches);
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (record instanceof BatchRecord batch) {
            log.trace("Batch {} written to {}", batch.key(), metadata == null ? "nowhere (dropped)" : metadata);
            batch.written().complete(null);
        }
    }

    /**
     * Signals only: refuses new batches and stops the listener in the background (see {@link GracefulStop}), so
     * that every request it holds is answered.
     */
    @Override
    public void stop() {
        stopping = true;
        if (stop != null) {
            stop.begin();
        }
    }

    int boundPort() {
        return server.port();
    }
}
