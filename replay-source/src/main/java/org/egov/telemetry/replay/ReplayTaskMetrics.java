package org.egov.telemetry.replay;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.egov.telemetry.core.PluginMeters;

import java.util.concurrent.atomic.LongAdder;

/** A replay task's progress over its share of the objects, as plugin metrics (group {@code plugins}). */
final class ReplayTaskMetrics {

    private final LongAdder lines;
    private final LongAdder events;
    private final LongAdder badLines;
    private final LongAdder badObjects;
    private volatile long objectsDone;
    private volatile long objectsRemaining;

    ReplayTaskMetrics(PluginMetrics metrics) {
        PluginMeters meters = new PluginMeters(metrics);
        lines = meters.counter("lines-replayed-total", "Archived lines (batches) written to the replay topic");
        events = meters.counter("events-replayed-total", "Events in the batches written to the replay topic");
        badLines = meters.counter("bad-lines-total", "Lines that are not a JSON object, reported and skipped");
        badObjects = meters.counter("bad-objects-total",
                "Objects that could not be read to their end (a truncated gzip, a vanished object), reported");
        meters.gauge("objects-done", "Objects of this task's share replayed to their end", () -> objectsDone);
        meters.gauge("objects-remaining", "Objects of this task's share not replayed to their end yet",
                () -> objectsRemaining);
    }

    void line(int eventCount) {
        lines.increment();
        events.add(eventCount);
    }

    void badLine() {
        badLines.increment();
    }

    void badObject() {
        badObjects.increment();
    }

    void objects(long done, long remaining) {
        objectsDone = done;
        objectsRemaining = remaining;
    }
}
