package org.egov.telemetry.it.s3;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.util.concurrent.atomic.AtomicBoolean;

/** Produces test records round-robin over partitions from a background thread until stopped. */
final class Producer implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final long[] counts;
    private final Thread thread;

    Producer(EmbeddedConnectCluster connect, String topic, String run, int partitions, long pauseMillis) {
        counts = new long[partitions];
        thread = new Thread(() -> {
            while (running.get()) {
                for (int p = 0; p < partitions; p++) {
                    connect.kafka().produce(topic, p, null, Archive.record(run, p, counts[p], 200));
                    counts[p]++;
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "producer-" + topic);
        thread.start();
    }

    /** Stops producing; returns how many records went to each partition. */
    long[] stop() throws InterruptedException {
        running.set(false);
        thread.join();
        return counts.clone();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
