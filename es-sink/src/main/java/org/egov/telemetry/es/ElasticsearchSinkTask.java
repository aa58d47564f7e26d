package org.egov.telemetry.es;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.egov.telemetry.core.SinkTasks;
import org.egov.telemetry.core.Version;
import org.egov.telemetry.es.TargetConfig.MalformedDocumentBehavior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Buffers records and writes them with bulk requests that run off the task thread ({@link BulkProcessor}).
 * A failure on a background thread is rethrown here at the next {@code put}; {@code preCommit} returns only
 * offsets whose documents the node acknowledged, keyed by the records' original partitions; partitions pause
 * when {@code max.buffered.records} are outstanding and resume at half of that.
 */
public class ElasticsearchSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSinkTask.class);
    /** How often, at most, the worker comes back with an empty put while bulk requests are in flight. */
    private static final long IN_FLIGHT_POLL_MS = 100;

    private final LongSupplier clock;
    private final OffsetTracker offsets = new OffsetTracker();
    private ElasticsearchSinkConnectorConfig config;
    private SearchClient client;
    private DocumentConverter converter;
    private BulkProcessor processor;
    private ErrantRecordReporter reporter;
    private ElasticsearchSinkMetrics metrics;
    private MalformedDocumentBehavior onMalformed;
    private boolean paused;
    private ConnectException failure;

    public ElasticsearchSinkTask() {
        this(System::currentTimeMillis);
    }

    /** For tests: {@code clock} gives the current time in milliseconds. */
    ElasticsearchSinkTask(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ElasticsearchSinkConnectorConfig(props);
        config.ensureConsistent();
        client = SearchClient.create(config);
        converter = new DocumentConverter(config);
        onMalformed = config.target().behaviorOnMalformedDocuments();
        reporter = SinkTasks.errantRecordReporter(context);
        metrics = new ElasticsearchSinkMetrics(SinkTasks.pluginMetrics(context));
        NodeInfo node = new ClusterSetup(client, config).prepare();
        String name = props.getOrDefault("name", "es-sink");
        processor = new BulkProcessor(new BulkSender(client, config, metrics), config, clock, name);
        log.info("Writing to {} at {} (dead letter queue {})", node, config.connection().connectionUrls(),
                reporter == null ? "off" : "on");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        processor.drain(this::settle);
        throwIfFailed();
        for (SinkRecord record : records) {
            add(record);
        }
        processor.sendDue();
        throwIfFailed();
        applyBackpressure();
        scheduleWakeUp();
    }


    /** Sends what is buffered without waiting for it; returns the offsets acknowledged so far. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (processor == null) {
            return Map.of();
        }
        processor.drain(this::settle);
        if (failure == null) {
            processor.sendAll();
        }
        return offsets.committable(currentOffsets.keySet());
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (processor == null) {
            return;
        }
        int dropped = processor.dropBuffered(partitions);
        offsets.forget(partitions);
        if (dropped > 0) {
            log.debug("Dropped {} buffered records of revoked partitions {}", dropped, partitions);
        }
    }

    @Override
    public void stop() {
        try {
            if (processor != null && failure == null) {
                processor.sendAll();
                if (!processor.awaitInFlight(config.bulk().flushTimeoutMs(), this::settle)) {
                    log.warn("Stopping with bulk requests still in flight after {} ms; their records will be "
                            + "written again", config.bulk().flushTimeoutMs());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (processor != null) {
                processor.close();
            }
            if (client != null) {
                try {
                    client.close();
                } catch (IOException e) {
                    log.warn("Error closing the search client: {}", e.toString());
                }
            }
        }
    }

    private void add(SinkRecord record) {
        BulkAction action;
        try {
            action = converter.convert(record);
        } catch (DocumentConverter.MalformedRecordException e) {
            offsets.buffered(SinkTasks.originalPartition(record), record.originalKafkaOffset());
            if (malformed(record, e.getMessage(), e)) {
                offsets.acknowledged(SinkTasks.originalPartition(record), record.originalKafkaOffset());
            }
            return;
        } catch (DataException e) {
            if (reporter == null) {
                throw e;
            }
            deadLetter(record, e);
            offsets.buffered(SinkTasks.originalPartition(record), record.originalKafkaOffset());
            offsets.acknowledged(SinkTasks.originalPartition(record), record.originalKafkaOffset());
            return;
        }
        offsets.buffered(action.partition(), action.offset());
        if (action.sends()) {
            processor.add(action);
        } else {
            offsets.acknowledged(action.partition(), action.offset());
        }
    }

    /** Called on the task thread for each finished batch. */
    private void settle(BulkProcessor.Completed done) {
        BulkSender.Outcome outcome = done.outcome();
        for (int i = 0; i < done.batch().size(); i++) {
            BulkAction action = done.batch().get(i);
            switch (outcome.status()[i]) {
                case ACKNOWLEDGED -> offsets.acknowledged(action.partition(), action.offset());
                case MALFORMED -> {
                    if (malformed(action.record(), "Malformed document for record " + action.coordinates()
                            + " (index " + action.index() + ", id " + action.id() + "): " + outcome.reasons()[i], null)) {
                        offsets.acknowledged(action.partition(), action.offset());
                    }
                }
                default -> {
                }
            }
        }
        if (outcome.failure() != null && failure == null) {
            failure = outcome.failure();
            log.error("Bulk request failed; the task fails at its next put: {}", failure.getMessage());
        }
    }

    /**
     * ignore: drop; warn: log (and dead-letter when there is a queue); fail: dead-letter, else fail the task.
     *
     * @return whether the record is done with (its offset may be committed)
     */
    private boolean malformed(SinkRecord record, String reason, Throwable cause) {
        metrics.malformed();
        switch (onMalformed) {
            case IGNORE -> {
                return true;
            }
            case WARN -> {
                log.warn("Skipping malformed record {}: {}", DocumentConverter.coordinates(record), reason);
                if (reporter != null) {
                    deadLetter(record, new DataException(reason, cause));
                }
                return true;
            }
            default -> {
                if (reporter != null) {
                    deadLetter(record, new DataException(reason, cause));
                    return true;
                }
                if (failure == null) {
                    failure = new ConnectException(reason + "; set behavior.on.malformed.documents to warn or ignore, "
                            + "or errors.tolerance=all with a dead letter queue, to carry on", cause);
                }
                return false;
            }
        }
    }

    private void deadLetter(SinkRecord record, Throwable error) {
        reporter.report(record, error);
        metrics.deadLettered();
    }

    /** For tests: nothing in flight, and nothing buffered that could still be sent. */
    boolean idle() {
        boolean inFlight = processor.hasInFlight();
        processor.drain(this::settle);
        return !inFlight && (failure != null || !processor.hasBuffered());
    }

    private void applyBackpressure() {
        if (context == null) {
            return;
        }
        int outstanding = processor.outstanding();
        if (!paused && outstanding >= config.bulk().maxBufferedRecords()) {
            context.pause(context.assignment().toArray(TopicPartition[]::new));
            paused = true;
            log.debug("Paused {} partitions with {} records outstanding", context.assignment().size(), outstanding);
        } else if (paused && outstanding <= config.bulk().maxBufferedRecords() / 2) {
            context.resume(context.assignment().toArray(TopicPartition[]::new));
            paused = false;
            log.debug("Resumed partitions with {} records outstanding", outstanding);
        }
    }

    /** Makes the worker call put again when the buffer is due or a request may have finished. */
    private void scheduleWakeUp() {
        if (context == null) {
            return;
        }
        long wait = Long.MAX_VALUE;
        if (processor.hasBuffered()) {
            wait = Math.max(1, processor.lingerRemainingMs());
        }
        if (processor.hasInFlight()) {
            wait = Math.min(wait, IN_FLIGHT_POLL_MS);
        }
        if (wait != Long.MAX_VALUE) {
            context.timeout(wait);
        }
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new ConnectException("A bulk request failed: " + failure.getMessage(), failure);
        }
    }



}
