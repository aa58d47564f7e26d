package org.egov.telemetry.it.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients posting one-event batches to the edge without pause, each on a keep-alive connection of its own, as
 * browsers do. Every answer is recorded: its time, its status (0 for a connection that failed) and the batch's
 * {@code mid} when it was acknowledged.
 */
final class SteadyClients implements AutoCloseable {

    /** One request's outcome, for the client numbered {@code client}. */
    record Answer(long atMillis, int client, int status, String mid, String body) {
        boolean acknowledged() {
            return status == 200;
        }
    }

    private final URI ingest;
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    SteadyClients(int port, int clients) {
        this.ingest = URI.create("http://127.0.0.1:" + port + "/v1/telemetry");
        this.threads = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            int client = i;
            threads.submit(() -> post(client));
        }
    }

    private void post(int number) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (running.get()) {
            String mid = UUID.randomUUID().toString();
            try {
                HttpResponse<String> answer = client.send(request(mid), HttpResponse.BodyHandlers.ofString());
                answers.add(new Answer(System.currentTimeMillis(), number, answer.statusCode(), mid, answer.body()));
            } catch (IOException e) {
                answers.add(new Answer(System.currentTimeMillis(), number, 0, mid, e.toString()));
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private HttpRequest request(String mid) {
        long now = System.currentTimeMillis();
        String batch = "{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"" + mid + "\"},"
                + "\"ets\":" + now + ",\"events\":[{\"eid\":\"START\",\"ets\":" + now + ",\"ver\":\"3.0\",\"mid\":\""
                + mid + "\",\"actor\":{\"id\":\"it-user\",\"type\":\"User\"},\"context\":{\"channel\":\"pb.amritsar\","
                + "\"env\":\"it\",\"pdata\":{\"id\":\"digit-ui\",\"ver\":\"1.0\"}},\"edata\":{\"type\":\"app\"}}]}";
        return HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Answer> answers() {
        return new ArrayList<>(answers);
    }

    /** How many answers of each status (0: no HTTP answer). */
    Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1, Integer::sum));
        return counts;
    }

    /** Stops posting and waits for the requests in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(90, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
