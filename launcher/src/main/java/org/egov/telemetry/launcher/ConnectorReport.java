package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** How the connectors of a cluster stand, printed for a person: states, failure traces, lag behind the input. */
final class ConnectorReport {

    private static final int TRACE_LINES = 25;

    private ConnectorReport() {
    }

    /** Each connector's lag behind its input topic; a growing one means the stage cannot keep up. */
    static void lags(ConnectRest rest, JsonNode statuses, String bootstrap, PrintStream out) {
        out.println("behind (offsets of the input topic not yet processed; run again to see the trend):");
        try (ConnectorLag lags = new ConnectorLag(bootstrap)) {
            for (Map.Entry<String, JsonNode> c : byName(statuses)) {
                String line;
                try {
                    Map<String, Long> lag = lags.of(rest.offsets(c.getKey()));
                    line = lag.isEmpty() ? null : lag.entrySet().stream()
                            .map(e -> String.format("%,d on %s", e.getValue(), e.getKey()))
                            .collect(Collectors.joining(", "));
                } catch (IOException | ExecutionException | TimeoutException e) {
                    line = "unknown (" + e.getMessage() + ")";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (line == null && "sink".equals(c.getValue().path("status").path("type").asText())) {
                    line = "nothing committed yet";
                }
                if (line != null) {
                    out.printf("  %-36s %s%n", c.getKey(), line);
                }
            }
        }
    }

    /** One line per connector with its tasks' states, and with {@code traces} the traces of failed ones. */
    static void statuses(JsonNode statuses, PrintStream to, boolean traces) {
        for (Map.Entry<String, JsonNode> c : byName(statuses)) {
            JsonNode s = c.getValue().path("status");
            JsonNode conn = s.path("connector");
            StringBuilder line = new StringBuilder(String.format("  %-36s %-7s %-12s", c.getKey(),
                    s.path("type").asText(""), conn.path("state").asText("UNKNOWN")));
            line.append(" tasks:");
            if (s.path("tasks").isEmpty()) {
                line.append(" none");
            }
            for (JsonNode t : s.path("tasks")) {
                line.append(' ').append(t.path("id").asText()).append('=').append(t.path("state").asText());
            }
            to.println(line);
            if (traces) {
                trace(to, "connector", conn.path("trace").asText(null));
                for (JsonNode t : s.path("tasks")) {
                    trace(to, "task " + t.path("id").asText(), t.path("trace").asText(null));
                }
            }
        }
    }

    private static void trace(PrintStream to, String who, String trace) {
        if (trace == null || trace.isBlank()) {
            return;
        }
        String[] lines = trace.split("\n");
        to.println("    " + who + " trace:");
        for (int i = 0; i < Math.min(lines.length, TRACE_LINES); i++) {
            to.println("      " + lines[i]);
        }
        if (lines.length > TRACE_LINES) {
            to.println("      ... " + (lines.length - TRACE_LINES) + " more lines (GET /connectors/<name>/status)");
        }
    }

    /** A JSON object's fields, sorted by name. */
    static List<Map.Entry<String, JsonNode>> byName(JsonNode node) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        node.fields().forEachRemaining(list::add);
        list.sort(Map.Entry.comparingByKey());
        return list;
    }
}
