package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code StackCtl wait} against a fake Connect REST API that answers a scripted series of statuses. */
class StackCtlWaitTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String connector(int configuredTasks, String... taskStates) {
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < taskStates.length; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"state\":\"").append(taskStates[i])
                    .append("\",\"worker_id\":\"w\"}");
        }
        StringBuilder configured = new StringBuilder();
        for (int i = 0; i < configuredTasks; i++) {
            configured.append(i == 0 ? "" : ",").append("{\"connector\":\"edge\",\"task\":").append(i).append('}');
        }
        return "{\"edge\":{\"status\":{\"name\":\"edge\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"w\"},"
                + "\"tasks\":[" + tasks + "],\"type\":\"source\"},\"info\":{\"name\":\"edge\",\"config\":{},"
                + "\"tasks\":[" + configured + "],\"type\":\"source\"}}}";
    }

    private ConnectRest serve(List<String> answers) throws IOException {
        AtomicInteger call = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/connectors", exchange -> {
            String body = answers.get(Math.min(call.getAndIncrement(), answers.size() - 1));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return new ConnectRest(new ObjectMapper(), "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void waitsUntilEveryConfiguredTaskRunsAfterTasksMaxChanged() throws Exception {
        // tasks.max went from 1 to 2: the status still lists one task, then both.
        ConnectRest rest = serve(List.of(connector(2, "RUNNING"), connector(2, "RUNNING"),
                connector(2, "RUNNING", "RUNNING")));
        long started = System.currentTimeMillis();

        int code = new StackCtl().waitRunning(rest, List.of("edge"), started + 30_000);

        assertThat(code).isEqualTo(StackCtl.OK);
        assertThat(System.currentTimeMillis() - started).as("it waited for the second task").isGreaterThanOrEqualTo(1_900);
    }

    @Test
    void timesOutWhileATaskOfTheConfigurationNeverStarts() throws Exception {
        ConnectRest rest = serve(List.of(connector(2, "RUNNING")));

        assertThat(new StackCtl().waitRunning(rest, List.of("edge"), System.currentTimeMillis() + 2_500))
                .isEqualTo(StackCtl.TIMEOUT);
    }
}
