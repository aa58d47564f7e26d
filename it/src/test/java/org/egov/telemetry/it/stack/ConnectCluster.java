package org.egov.telemetry.it.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The local stack's Connect workers, seen through their REST API. */
final class ConnectCluster {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One task of one connector, and the REST port of the worker that runs it. */
    record Task(String connector, int id, String state, int workerPort) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Integer> restPorts;

    ConnectCluster(List<Integer> restPorts) {
        this.restPorts = restPorts;
    }

    /** Every task of every connector, as the worker on {@code restPort} reports them. */
    List<Task> tasks(int restPort) throws IOException, InterruptedException {
        if (!restPorts.contains(restPort)) {
            throw new IllegalArgumentException("no worker of the stack on " + restPort);
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + restPort + "/connectors?expand=status"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET /connectors?expand=status answered " + answer.statusCode() + ": " + answer.body());
        }
        List<Task> tasks = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(answer.body()).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> connector = it.next();
            for (JsonNode task : connector.getValue().path("status").path("tasks")) {
                String worker = task.path("worker_id").asText();
                tasks.add(new Task(connector.getKey(), task.path("id").asInt(), task.path("state").asText(),
                        Integer.parseInt(worker.substring(worker.lastIndexOf(':') + 1))));
            }
        }
        return tasks;
    }
}
