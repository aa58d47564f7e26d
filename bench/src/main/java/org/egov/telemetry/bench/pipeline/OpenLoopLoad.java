package org.egov.telemetry.bench.pipeline;

import org.egov.telemetry.bench.edge.Batches;
import org.egov.telemetry.bench.edge.KeepAliveConnection;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Posts batches at a fixed rate whatever the edge does (open loop): a pacer puts each batch's scheduled send
 * time in a queue, and connections take them as they come free. When the edge slows down, the queue grows and
 * the latency, measured from the scheduled time, shows it; a closed loop would slow down with the edge and hide
 * the backlog. Every {@code probeEvery}-th batch is a probe whose first event's mid is handed to a listener
 * with the time it was sent and answered.
 */
final class OpenLoopLoad {

    /** What one step of load did. */
    record Outcome(long scheduled, long accepted, long refused, long unsent, long errors, long[] latenciesNanos) {

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
            return sorted[index] / 1e6;
        }
    }

    private final URI url;
    private final int connections;

    OpenLoopLoad(URI url, int connections) {
        this.url = url;
        this.connections = connections;
    }

    /**
     * @param eventsPerSecond offered rate; batches of {@link Batches#EVENTS} events
     * @param probe           called with (mid of a probe's first event, [sent epoch ms, answered epoch ms])
     * @param accepted        counts the batches answered 200 as they are
     */
    Outcome run(String step, int eventsPerSecond, long seconds, int probeEvery, BiConsumer<String, long[]> probe,
                AtomicLong accepted) throws InterruptedException {
        double batchesPerSecond = eventsPerSecond / (double) Batches.EVENTS;
        long total = (long) (batchesPerSecond * seconds);
        BlockingQueue<Long> tickets = new LinkedBlockingQueue<>();
        long acceptedBefore = accepted.get();
        AtomicLong refused = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        List<long[]> latencies = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[][] own = {new long[1024]};
            int[] count = {0};
            Thread worker = new Thread(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(url,
                        "x-device-id: bench-device\r\nx-channel-id: pb.amritsar\r\nx-app-id: bench\r\n")) {
                    while (true) {
                        Long due = tickets.poll(100, TimeUnit.MILLISECONDS);
                        if (due == null) {
                            if (System.nanoTime() > end) {
                                return;
                            }
                            continue;
                        }
                        if (due == Long.MIN_VALUE) {
                            return;
                        }
                        long n = sequence.getAndIncrement();
                        boolean isProbe = n % probeEvery == 0;
                        String msgid = (isProbe ? "probe-" + step + "-" + n + "-" : "") + UUID.randomUUID();
                        byte[] body = Batches.batch(msgid).getBytes(StandardCharsets.UTF_8);
                        long sentAt = System.currentTimeMillis();
                        int status;
                        try {
                            status = connection.post(body);
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            connection.close();
                            continue;
                        }
                        long took = System.nanoTime() - due;
                        if (status != 200) {
                            refused.incrementAndGet();
                            continue;
                        }
                        accepted.incrementAndGet();
                        if (count[0] == own[0].length) {
                            own[0] = Arrays.copyOf(own[0], count[0] * 2);
                        }
                        own[0][count[0]++] = took;
                        if (isProbe) {
                            probe.accept("START:" + msgid + "-0", new long[] {sentAt, System.currentTimeMillis()});
                        }
                    }
                } catch (InterruptedException | IOException e) {
                    errors.incrementAndGet();
                } finally {
                    synchronized (latencies) {
                        latencies.add(Arrays.copyOf(own[0], count[0]));
                    }
                }
            }, "bench-load-" + c);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        long interval = (long) (1e9 / batchesPerSecond);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            tickets.add(due);
        }
        // What the connections could not even send by the end of the step stays unsent.
        TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
        List<Long> left = new ArrayList<>();
        tickets.drainTo(left);
        for (int c = 0; c < connections; c++) {
            tickets.add(Long.MIN_VALUE);
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(130));
        }
        long[] all;
        synchronized (latencies) {
            all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        }
        return new Outcome(total, accepted.get() - acceptedBefore, refused.get(), left.size(), errors.get(), all);
    }
}
