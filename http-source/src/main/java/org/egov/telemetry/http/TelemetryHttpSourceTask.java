package org.egov.telemetry.http;

import org.apache.kafka.clients.producer.RecordMetadata;
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
    private volatile boolean stopping;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new HttpSourceConfig(props);
        String taskId = props.getOrDefault(TelemetryHttpSourceConnector.TASK_ID, "0");
        queue = new IngestQueue(config.topic(), taskId, config.queueMaxBatches());
        server = new IngestServer(config, queue, "telemetry-http-" + taskId);
        server.start();
        log.info("Telemetry HTTP source {} listening on {}:{}{}", taskId, config.bindAddress(), server.port(), config.paths());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        if (!server.isRunning()) {
            throw new ConnectException("The telemetry HTTP listener stopped unexpectedly");
        }
        List<BatchRecord> batches = queue.drain(config.pollMaxBatches(), POLL_WAIT_MS);
        if (!batches.isEmpty()) {
            log.trace("Handing {} batches to Connect", batches.size());
        }
        return batches.isEmpty() ? null : new ArrayList<>(batches);
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (record instanceof BatchRecord batch) {
            log.trace("Batch {} written to {}", batch.key(), metadata == null ? "nowhere (dropped)" : metadata);
            batch.written().complete(null);
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (server != null) {
            server.stop();
        }
        if (queue != null) {
            for (BatchRecord left : queue.clear()) {
                left.written().completeExceptionally(new ConnectException("task stopping"));
            }
        }
    }

    int boundPort() {
        return server.port();
    }
}
