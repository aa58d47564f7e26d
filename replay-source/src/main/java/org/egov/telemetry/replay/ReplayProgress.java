package org.egov.telemetry.replay;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.egov.telemetry.core.PluginMeters;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The whole replay's progress: the range's objects against the committed offsets (so it counts what is in Kafka,
 * not what a task has read). Shown as the connector's plugin metrics; {@link #complete()} once every object has
 * been replayed to its end.
 */
final class ReplayProgress {

    /** One look at the range. */
    record Snapshot(long objects, long objectsDone, long linesDone, long bytesRemaining) {
        boolean complete() {
            return objectsDone == objects;
        }
    }

    private final Supplier<List<ArchiveObject>> listing;
    private final OffsetStorageReader offsets;
    private volatile Snapshot last = new Snapshot(-1, 0, 0, -1);

    ReplayProgress(Supplier<List<ArchiveObject>> listing, OffsetStorageReader offsets, PluginMetrics metrics) {
        this.listing = listing;
        this.offsets = offsets;
        PluginMeters meters = new PluginMeters(metrics);
        meters.gauge("objects-total", "Objects in the replay's range (-1 until listed)", () -> last.objects());
        meters.gauge("objects-done", "Objects whose every line is committed to the replay or failed topic",
                () -> last.objectsDone());
        meters.gauge("objects-remaining", "Objects not replayed to their end yet (-1 until listed)",
                () -> last.objects() < 0 ? -1 : last.objects() - last.objectsDone());
        meters.gauge("lines-done", "Lines committed, summed over the range's objects", () -> last.linesDone());
        meters.gauge("bytes-remaining", "Stored bytes of the objects not replayed to their end (their lines are not "
                + "known before they are read; -1 until listed)", () -> last.bytesRemaining());
        meters.gauge("replay-complete", "1 once every object of the range is replayed, else 0",
                () -> last.objects() >= 0 && last.complete() ? 1 : 0);
    }

    Snapshot check() {
        List<ArchiveObject> objects = listing.get();
        Map<Map<String, Object>, Map<String, Object>> stored = offsets.offsets(
                objects.stream().map(ArchiveObject::sourcePartition).collect(Collectors.toList()));
        long done = 0;
        long lines = 0;
        long bytes = 0;
        for (ArchiveObject object : objects) {
            ReplayPosition position = ReplayPosition.fromOffset(stored.get(object.sourcePartition()));
            lines += position.lines();
            if (position.complete()) {
                done++;
            } else {
                bytes += object.size();
            }
        }
        last = new Snapshot(objects.size(), done, lines, bytes);
        return last;
    }
}
