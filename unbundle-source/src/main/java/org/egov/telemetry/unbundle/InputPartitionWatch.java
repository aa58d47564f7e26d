package org.egov.telemetry.unbundle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the input topic's partition list current: looks at it every interval and, when partitions were added,
 * tells the connector so that Connect reassigns the tasks. A failed look is logged and tried again at the next
 * interval; the tasks go on with the partitions they have.
 */
final class InputPartitionWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InputPartitionWatch.class);

    private final String topic;
    private final Callable<List<Integer>> describe;
    private final Runnable onChange;
    private final ScheduledExecutorService timer;
    private volatile List<Integer> partitions;

    /**
     * @param partitions the partitions found at start
     * @param describe   reads the topic's partitions, sorted
     * @param onChange   called, on the watch's thread, after {@link #partitions()} changed
     * @param intervalMs how often to look; 0 never
     */
    InputPartitionWatch(String connector, String topic, List<Integer> partitions, Callable<List<Integer>> describe,
                        Runnable onChange, long intervalMs) {
        this.topic = topic;
        this.partitions = List.copyOf(partitions);
        this.describe = describe;
        this.onChange = onChange;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, connector + "-partition-watch");
            thread.setDaemon(true);
            return thread;
        });
        if (intervalMs > 0) {
            timer.scheduleWithFixedDelay(this::look, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    List<Integer> partitions() {
        return partitions;
    }

    void look() {
        List<Integer> found;
        try {
            found = List.copyOf(describe.call());
        } catch (Exception e) {
            log.warn("Could not read the partitions of {}; the tasks go on with {} and the next look tries again",
                    topic, partitions, e);
            return;
        }
        if (found.isEmpty() || found.equals(partitions)) {
            return;
        }
        if (!found.containsAll(partitions)) {
            // Kafka never removes partitions: the topic was deleted and made again. Its old offsets mean nothing
            // for the new partitions, which is the operator's business, not a reassignment's.
            log.warn("{} now has partitions {}, not a superset of {}; the tasks keep theirs until the connector "
                    + "restarts", topic, found, partitions);
            return;
        }
        log.info("{} grew from {} to {} partitions; asking Connect to reassign the tasks", topic, partitions.size(),
                found.size());
        partitions = found;
        onChange.run();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
