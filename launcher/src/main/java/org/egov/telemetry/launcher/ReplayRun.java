package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One replay of the archive on the local stack: the replay source starts afresh (created STOPPED, its offsets
 * reset, then resumed), the replay chain's unbundle source is created anew (a fresh in-memory dedup window), the
 * replay ES sink is registered; then it waits until the source has replayed its range (it runs with no tasks) and
 * the chain has caught up, printing progress.
 */
final class ReplayRun {

    static final String SOURCE = "telemetry-replay-source";
    static final String UNBUNDLE = "telemetry-replay-unbundle";
    static final String SINK = "telemetry-replay-es-sink";
    private static final long LOOK_MS = 5000;

    private final ConnectRest rest;
    private final String bootstrap;
    private final PrintStream out;

    ReplayRun(ConnectRest rest, String bootstrap, PrintStream out) {
        this.rest = rest;
        this.bootstrap = bootstrap;
        this.out = out;
    }

    /**
     * {@link #start}, begun again while the worker answers that it is rebalancing or restarting, until the
     * deadline: each step can be taken twice (the source is deleted and made afresh either way).
     */
    void startWhenSettled(List<ConnectorFile> files, long deadline) throws Exception {
        ConnectRest.whileSettling(deadline, () -> start(files),
                e -> out.println("replay: the worker cannot take it now (" + e.getMessage() + "); trying again"));
    }

    /** Registers the files' connectors (source, unbundle, sink) as described above. */
    void start(List<ConnectorFile> files) throws Exception {
        for (String name : List.of(SOURCE, UNBUNDLE)) {
            if (rest.delete(name)) {
                out.println("deleted the earlier " + name);
            }
        }
        for (ConnectorFile file : files) {
            Map<String, String> config = file.config();
            if (file.name().equals(SOURCE)) {
                awaitGone(SOURCE);
                rest.createStopped(SOURCE, config);
                rest.resetOffsets(SOURCE);
                rest.resume(SOURCE);
            } else {
                if (file.name().equals(UNBUNDLE)) {
                    awaitGone(UNBUNDLE);
                }
                rest.putConfig(file.name(), config);
            }
        }
    }

    /** A deleted connector is gone from the REST API a moment later. */
    private void awaitGone(String name) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (rest.config(name).isPresent() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    /** @return true once the source has no tasks (its range is done) and the chain behind it lags by nothing */
    boolean await(long deadline) throws Exception {
        int doneLooks = 0;
        try (ConnectorLag lags = new ConnectorLag(bootstrap)) {
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(LOOK_MS);
                JsonNode status;
                long[] progress;
                long behind;
                try {
                    status = rest.status(SOURCE);
                    progress = progress(rest.offsets(SOURCE));
                    JsonNode unbundled = rest.offsets(UNBUNDLE);
                    JsonNode indexed = rest.offsets(SINK);
                    // a reader with no stored offsets yet (a sink commits every offset.flush.interval.ms) has
                    // not caught up with anything the replay wrote
                    boolean started = progress[1] == 0 || unbundled.path("offsets").size() > 0
                            && indexed.path("offsets").size() > 0;
                    behind = started
                            ? beyondMarkers(lags.byPartition(unbundled)) + beyondMarkers(lags.byPartition(indexed)) : -1;
                } catch (IOException | ExecutionException | TimeoutException e) {
                    // a worker restarting, or the broker: the replay resumes from its committed offsets
                    out.println("replay: cannot look now (" + e.getMessage() + "); waiting");
                    doneLooks = 0;
                    continue;
                }
                String state = status.path("connector").path("state").asText();
                if ("FAILED".equals(state)) {
                    out.println(SOURCE + " FAILED: " + status.path("connector").path("trace").asText());
                    return false;
                }
                boolean sourceDone = "RUNNING".equals(state) && status.path("tasks").isEmpty();
                for (JsonNode task : status.path("tasks")) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        out.println(SOURCE + " task FAILED: " + task.path("trace").asText().lines().findFirst().orElse(""));
                        return false;
                    }
                }
                doneLooks = sourceDone ? doneLooks + 1 : 0;
                out.printf("replay: %,d objects done, %,d lines; %s; %s%n", progress[0], progress[1],
                        sourceDone ? "the range is done" : "reading", behind < 0 ? "the chain has stored no offsets yet"
                                : String.format("the chain is %,d offsets behind", behind));
                if (doneLooks >= 2 && behind == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * How far a reader is behind, less one offset on each partition it reads: topics written exactly once end with
     * a transaction marker, which a reader at rest never passes. Counted per partition, so that an empty
     * partition (no marker to pass) does not hide a record waiting on another.
     */
    static long beyondMarkers(Map<TopicPartition, Long> lagByPartition) {
        return lagByPartition.values().stream().mapToLong(lag -> Math.max(0, lag - 1)).sum();
    }

    /** Objects replayed to their end and lines committed, from the source's stored offsets. */
    static long[] progress(JsonNode offsets) {
        long objects = 0;
        long lines = 0;
        for (JsonNode entry : offsets.path("offsets")) {
            JsonNode offset = entry.path("offset");
            lines += offset.path("line").asLong();
            objects += offset.path("eof").asBoolean() ? 1 : 0;
        }
        return new long[] {objects, lines};
    }
}
