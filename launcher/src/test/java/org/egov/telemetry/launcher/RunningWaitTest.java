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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting for the connectors against a fake Connect REST API that answers a scripted series of statuses. */
class RunningWaitTest {

    private HttpServer server;
    private final List<String> posts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String connector(int configuredTasks, String... taskStates) {
        return connector("RUNNING", configuredTasks, taskStates);
    }

    private static String connector(String state, int configuredTasks, String... taskStates) {
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < taskStates.length; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"state\":\"").append(taskStates[i])
                    .append("\",\"worker_id\":\"w\"}");
        }
        StringBuilder configured = new StringBuilder();
        for (int i = 0; i < configuredTasks; i++) {
            configured.append(i == 0 ? "" : ",").append("{\"connector\":\"edge\",\"task\":").append(i).append('}');
        }
        return "{\"edge\":{\"status\":{\"name\":\"edge\",\"connector\":{\"state\":\"" + state + "\",\"worker_id\":\"w\"},"
                + "\"tasks\":[" + tasks + "],\"type\":\"source\"},\"info\":{\"name\":\"edge\",\"config\":{},"
                + "\"tasks\":[" + configured + "],\"type\":\"source\"}}}";
    }

    private ConnectRest serve(List<String> answers) throws IOException {
        AtomicInteger call = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/connectors", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                posts.add(exchange.getRequestURI().toString());
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                return;
            }
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

        int code = wait(rest).until(List.of("edge"), started + 30_000);

        assertThat(code).isEqualTo(StackCtl.OK);
        assertThat(System.currentTimeMillis() - started).as("it waited for the second task").isGreaterThanOrEqualTo(1_900);
    }

    @Test
    void timesOutWhileATaskOfTheConfigurationNeverStarts() throws Exception {
        ConnectRest rest = serve(List.of(connector(2, "RUNNING")));

        assertThat(wait(rest).until(List.of("edge"), System.currentTimeMillis() + 2_500))
                .isEqualTo(StackCtl.TIMEOUT);
    }

    /** The status Connect can leave behind when the broker comes back: UNASSIGNED over tasks that run. */
    @Test
    void restartsOnlyTheConnectorInstanceOfAStaleUnassignedStatus() throws Exception {
        ConnectRest rest = serve(List.of(connector("UNASSIGNED", 1, "RUNNING"), connector("UNASSIGNED", 1, "RUNNING"),
                connector("UNASSIGNED", 1, "RUNNING"), connector("UNASSIGNED", 1, "RUNNING"),
                connector("RUNNING", 1, "RUNNING")));

        int code = new RunningWait(rest, System.out, System.err, 1_500).until(List.of("edge"),
                System.currentTimeMillis() + 30_000);

        assertThat(code).isEqualTo(StackCtl.OK);
        assertThat(posts).containsExactly("/connectors/edge/restart");
    }

    @Test
    void leavesAnUnassignedConnectorWhoseTasksDoNotRunAlone() throws Exception {
        ConnectRest rest = serve(List.of(connector("UNASSIGNED", 1, "UNASSIGNED")));

        assertThat(new RunningWait(rest, System.out, System.err, 500).until(List.of("edge"),
                System.currentTimeMillis() + 2_500)).isEqualTo(StackCtl.TIMEOUT);
        assertThat(posts).isEmpty();
    }

    private static RunningWait wait(ConnectRest rest) {
        return new RunningWait(rest, System.out, System.err);
    }
}
