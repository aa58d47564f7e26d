package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code StackCtl register} against a fake Connect REST API that keeps connector configs in memory. */
class StackCtlRegisterTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> configs = new ConcurrentHashMap<>();
    private final List<String> puts = new CopyOnWriteArrayList<>();
    private final AtomicInteger rebalancingAnswersLeft = new AtomicInteger();
    private final AtomicInteger startingAnswersLeft = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/connectors/", exchange -> {
            String name = exchange.getRequestURI().getPath().split("/")[2];
            String tail = exchange.getRequestURI().getPath().substring(("/connectors/" + name).length());
            if (startingAnswersLeft.getAndDecrement() > 0) {
                // what a just-started worker answers before its REST resources are registered
                answer(exchange, 404, "");
            } else if (rebalancingAnswersLeft.getAndDecrement() > 0) {
                answer(exchange, 409, "{\"error_code\":409,\"message\":\"Cannot complete request momentarily due to "
                        + "stale configuration (typically caused by a concurrent config change)\"}");
            } else if ("PUT".equals(exchange.getRequestMethod()) && tail.equals("/config")) {
                puts.add(name);
                boolean created = configs.put(name, new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)) == null;
                answer(exchange, created ? 201 : 200, "{}");
            } else if (tail.equals("/config") && configs.containsKey(name)) {
                answer(exchange, 200, configs.get(name));
            } else if (tail.equals("/status") && configs.containsKey(name)) {
                answer(exchange, 200, "{\"name\":\"" + name + "\",\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[]}");
            } else {
                answer(exchange, 404, "{\"error_code\":404,\"message\":\"not found\"}");
            }
        });
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private ConnectorFile file(String name, String tasksMax) {
        return new ConnectorFile(Path.of(name + ".json"), name, Map.of("name", name, "tasks.max", tasksMax));
    }

    @Test
    void registersOnceTheWorkerAnswersRetryingWhileItStartsAndRebalancesAndLeavesUnchangedConfigsAlone() throws Exception {
        int port = freePort();
        ConnectRest rest = new ConnectRest(json, "http://127.0.0.1:" + port);
        startingAnswersLeft.set(3);
        rebalancingAnswersLeft.set(2);
        Thread lateWorker = new Thread(() -> {
            try {
                Thread.sleep(1_500);
                start(port);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        lateWorker.start();

        int first = new StackCtl().register(rest, List.of(file("edge", "1"), file("sink", "1")),
                System.currentTimeMillis() + 30_000);
        lateWorker.join();
        assertThat(first).isEqualTo(StackCtl.OK);
        assertThat(puts).containsExactly("edge", "sink");
        assertThat(json.readTree(configs.get("edge")).path("tasks.max").asText()).isEqualTo("1");

        int second = new StackCtl().register(rest, List.of(file("edge", "1"), file("sink", "3")),
                System.currentTimeMillis() + 30_000);
        assertThat(second).isEqualTo(StackCtl.OK);
        assertThat(puts).as("an unchanged config is not PUT again: Connect would restart the connector")
                .containsExactly("edge", "sink", "sink");
    }

    @Test
    void givesUpAtTheDeadlineWhenNoWorkerAnswers() throws Exception {
        ConnectRest rest = new ConnectRest(json, "http://127.0.0.1:" + freePort());
        assertThat(new StackCtl().register(rest, List.of(file("edge", "1")), System.currentTimeMillis() + 1_500))
                .isEqualTo(StackCtl.TIMEOUT);
    }
}
