package org.egov.telemetry.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.core.Version;
import org.egov.telemetry.s3.S3Clients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

/**
 * Replays its share of the archive's objects, line by line, into the replay topic. The source partition is the
 * object's key and the offset its {@link ReplayPosition}, so a restarted task resumes after the last committed
 * line; with an exactly-once worker each line is written once.
 */
public class ArchiveReplaySourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(ArchiveReplaySourceTask.class);
    static final String STAGE = "replay";

    private ReplaySourceConfig config;
    private S3Client client;
    private String bucket;
    private RateLimit limit;
    private ReplayTaskMetrics metrics;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final Set<String> known = new HashSet<>();
    private int taskIndex;
    private int taskCount;
    private long listedAt;
    private ObjectCursor cursor;
    private boolean announcedDone;
    private volatile boolean stopping;

    /** An object still to replay, and where to resume in it. */
    private static final class Pending {
        final ArchiveObject object;
        long resumeAt;

        Pending(ArchiveObject object, long resumeAt) {
            this.object = object;
            this.resumeAt = resumeAt;
        }
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ReplaySourceConfig(props);
        bucket = config.store().bucketName();
        client = S3Clients.create(config.store());
        limit = new RateLimit(config.maxEventsPerSecond(), System::nanoTime);
        metrics = new ReplayTaskMetrics(context.pluginMetrics());
        taskIndex = Integer.parseInt(props.get(ArchiveReplaySourceConnector.TASK_INDEX));
        taskCount = Integer.parseInt(props.get(ArchiveReplaySourceConnector.TASK_COUNT));
        addNewObjects();
        log.info("Replaying {} of {} objects ({} done before) of {} into {}, at most {} events/s", pending.size(),
                known.size(), known.size() - pending.size(), config.range(), config.topic(),
                config.maxEventsPerSecond() == 0 ? "unlimited" : config.maxEventsPerSecond());
    }

    /**
     * Lists the range and queues the objects of this task's share not seen before, where their committed offsets
     * leave them. A range that includes the day being archived grows while it is replayed.
     */
    private void addNewObjects() {
        List<ArchiveObject> share = ArchiveListing.share(ArchiveListing.list(client, bucket, config.range()),
                taskIndex, taskCount).stream().filter(o -> !known.contains(o.key())).toList();
        Map<Map<String, Object>, Map<String, Object>> stored = context.offsetStorageReader()
                .offsets(share.stream().map(ArchiveObject::sourcePartition).collect(Collectors.toList()));
        for (ArchiveObject object : share) {
            known.add(object.key());
            ReplayPosition position = ReplayPosition.fromOffset(stored.get(object.sourcePartition()));
            if (!position.complete()) {
                pending.add(new Pending(object, position.lines()));
            }
        }
        listedAt = System.nanoTime();
        updateProgress();
    }

    @Override
    public synchronized List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        while (!stopping && out.size() < config.pollMaxLines()) {
            Pending current = pending.peek();
            if (current == null) {
                break;
            }
            long wait = limit.waitMillis();
            if (wait > 0) {
                if (out.isEmpty()) {
                    Thread.sleep(Math.min(wait, 200));
                }
                break;
            }
            try {
                if (cursor == null) {
                    cursor = open(current);
                }
                ObjectCursor.Line line = cursor.next();
                if (line == null) {
                    // ended without a line marked last: nothing else would commit the object as done
                    out.add(badObject(current, "ended after line " + cursor.lines() + " although line "
                            + (current.resumeAt + 1) + " or a last line was expected", null));
                } else {
                    out.add(lineRecord(current, line));
                }
            } catch (EOFException | ZipException e) {
                out.add(badObject(current, "cannot be read past line " + cursor.lines() + ": " + e, e));
            } catch (NoSuchKeyException e) {
                out.add(badObject(current, "no longer exists", e));
            } catch (IOException | SdkException e) {
                // the connection, not the object: read it again from the last line handed out
                log.warn("Reading {} failed after line {}, will reopen it: {}", location(current.object),
                        current.resumeAt, e.toString());
                closeCursor();
                if (out.isEmpty()) {
                    Thread.sleep(1000);
                }
                break;
            }
        }
        if (out.isEmpty() && pending.isEmpty() && !announcedDone) {
            announcedDone = true;
            log.info("Replayed all {} objects of this task's share of {}", known.size(), config.range());
        }
        if (out.isEmpty() && pending.isEmpty()) {
            Thread.sleep(1000);
            if (System.nanoTime() - listedAt > config.progressIntervalMs() * 1_000_000L) {
                addNewObjects();
                announcedDone = announcedDone && pending.isEmpty();
            }
        }
        return out.isEmpty() ? null : out;
    }

    private ObjectCursor open(Pending current) throws IOException {
        return ObjectCursor.open(client.getObject(b -> b.bucket(bucket).key(current.object.key())),
                current.object.gzip(), current.resumeAt);
    }

    private SourceRecord lineRecord(Pending current, ObjectCursor.Line line) {
        advance(current, line.position());
        JsonNode batch;
        try {
            batch = Json.mapper().readTree(line.bytes());
        } catch (IOException e) {
            batch = null;
        }
        if (batch == null || !batch.isObject()) {
            String reason = "line " + line.position().lines() + " is not a JSON object";
            metrics.badLine();
            return report(current, line.position(), reason, line.bytes(), null);
        }
        JsonNode events = batch.path("events");
        metrics.line(events.isArray() ? events.size() : 1);
        limit.take(events.isArray() ? Math.max(1, events.size()) : 1);
        return new SourceRecord(current.object.sourcePartition(), line.position().toOffset(), config.topic(), null,
                null, null, Schema.BYTES_SCHEMA, line.bytes());
    }

    private SourceRecord badObject(Pending current, String reason, Exception cause) {
        ReplayPosition end = new ReplayPosition(cursor == null ? current.resumeAt : cursor.lines(), true);
        advance(current, end);
        metrics.badObject();
        byte[] description = Json.toBytes(Map.of("object", location(current.object), "lines", end.lines(),
                "error", reason));
        return report(current, end, reason, description, cause);
    }

    /** Bad data is reported on the failed topic with errors.tolerance=all; otherwise the task fails, saying where. */
    private SourceRecord report(Pending current, ReplayPosition position, String reason, byte[] value, Exception cause) {
        String where = location(current.object);
        if (!config.toleratesErrors()) {
            throw new ConnectException(where + " " + reason + ". Set errors.tolerance=all to report it on "
                    + config.failedTopic() + " and replay the rest", cause);
        }
        log.warn("{} {}; reported on {} and skipped", where, reason, config.failedTopic());
        ConnectHeaders headers = new ConnectHeaders();
        return new SourceRecord(current.object.sourcePartition(), position.toOffset(), config.failedTopic(), null,
                null, null, Schema.OPTIONAL_BYTES_SCHEMA, value, null,
                ErrorHeaders.withError(headers, STAGE, reason, where));
    }

    /** Moves past a handed-out line; an object replayed to its end leaves the queue. */
    private void advance(Pending current, ReplayPosition position) {
        current.resumeAt = position.lines();
        if (position.complete()) {
            pending.poll();
            closeCursor();
            updateProgress();
        }
    }

    private void updateProgress() {
        metrics.objects(known.size() - pending.size(), pending.size());
    }

    private String location(ArchiveObject object) {
        return "s3://" + bucket + "/" + object.key();
    }

    private void closeCursor() {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (IOException e) {
                log.debug("Closing an archive object's stream failed", e);
            }
            cursor = null;
        }
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (this) {
            closeCursor();
            if (client != null) {
                client.close();
            }
        }
    }
}
