package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waits until every connector of a Connect cluster (and those named) and each of its tasks is RUNNING, and says
 * what is not.
 *
 * <p>A connector whose status stays UNASSIGNED while every one of its tasks is RUNNING is restarted (the
 * connector instance only, not its tasks): that status is a stale write. A worker that loses the broker revokes
 * its connectors and keeps writing their UNASSIGNED status until the broker is back; Connect's status store
 * checks the generation before such a retry but sends it outside its lock, so it can land right after the
 * RUNNING status of the next generation and stay there. Connect ignores such stale writes when it reads a
 * task's status (KAFKA-12525), not a connector's.
 */
final class RunningWait {

    /** A connector RUNNING with no task at all is accepted after this long (it may legitimately have none). */
    static final long NO_TASKS_GRACE_MS = 20_000;
    /** How long a connector may show UNASSIGNED with all its tasks RUNNING before its status counts as stale. */
    static final long STALE_STATUS_MS = 10_000;

    private final ConnectRest rest;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Long> runningWithoutTasksSince = new HashMap<>();
    private final Map<String, Long> unassignedWithTasksRunningSince = new HashMap<>();
    private final Set<String> restarted = new HashSet<>();
    private final long staleStatusMs;

    RunningWait(ConnectRest rest, PrintStream out, PrintStream err) {
        this(rest, out, err, STALE_STATUS_MS);
    }

    RunningWait(ConnectRest rest, PrintStream out, PrintStream err, long staleStatusMs) {
        this.rest = rest;
        this.out = out;
        this.err = err;
        this.staleStatusMs = staleStatusMs;
    }

    /** {@link StackCtl#OK} once all run, {@link StackCtl#FAILED} on a failure, {@link StackCtl#TIMEOUT}. */
    int until(List<String> expected, long deadline) throws InterruptedException {
        while (true) {
            try {
                JsonNode last = rest.statuses();
                List<String> problems = new ArrayList<>();
                for (String name : expected) {
                    if (!last.has(name)) {
                        problems.add(name + ": not known to the worker yet");
                    }
                }
                boolean anyFailed = false;
                for (Map.Entry<String, JsonNode> c : ConnectorReport.byName(last)) {
                    anyFailed |= check(c.getKey(), c.getValue(), problems);
                }
                if (anyFailed) {
                    err.println("a connector or task FAILED:");
                    ConnectorReport.statuses(last, err, true);
                    return StackCtl.FAILED;
                }
                if (problems.isEmpty()) {
                    int n = last.size();
                    out.println(n == 0 ? "no connectors registered" : "all " + n + " connector(s) and their tasks RUNNING");
                    ConnectorReport.statuses(last, out, false);
                    return StackCtl.OK;
                }
                if (System.currentTimeMillis() > deadline) {
                    err.println("timed out waiting for connectors to run: " + String.join("; ", problems));
                    ConnectorReport.statuses(last, err, true);
                    return StackCtl.TIMEOUT;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    err.println("timed out waiting for connectors: " + e.getMessage());
                    return StackCtl.TIMEOUT;
                }
            }
            Thread.sleep(1000);
        }
    }

    /** Adds what keeps one connector from counting as running; true if it or a task FAILED. */
    private boolean check(String name, JsonNode entry, List<String> problems) {
        JsonNode s = entry.path("status");
        String state = s.path("connector").path("state").asText("UNKNOWN");
        JsonNode tasks = s.path("tasks");
        boolean failed = "FAILED".equals(state);
        for (JsonNode t : tasks) {
            String ts = t.path("state").asText("UNKNOWN");
            failed |= "FAILED".equals(ts);
            if (!"RUNNING".equals(ts)) {
                problems.add(name + ": task " + t.path("id").asText() + " " + ts);
            }
        }
        if (!"RUNNING".equals(state)) {
            problems.add(name + ": connector " + state);
            restartIfStale(name, state, tasks);
            return failed;
        }
        unassignedWithTasksRunningSince.remove(name);
        if (tasks.isEmpty()) {
            long since = runningWithoutTasksSince.computeIfAbsent(name, k -> System.currentTimeMillis());
            if (System.currentTimeMillis() - since < NO_TASKS_GRACE_MS) {
                problems.add(name + ": no task yet");
            }
        }
        // After a change of tasks.max the status lists the old tasks until the new ones start.
        int configured = entry.path("info").path("tasks").size();
        if (tasks.size() != configured) {
            problems.add(name + ": " + tasks.size() + " of " + configured + " tasks started");
        }
        return failed;
    }

    private void restartIfStale(String name, String state, JsonNode tasks) {
        boolean tasksRunning = !tasks.isEmpty();
        for (JsonNode t : tasks) {
            tasksRunning &= "RUNNING".equals(t.path("state").asText());
        }
        if (!"UNASSIGNED".equals(state) || !tasksRunning) {
            unassignedWithTasksRunningSince.remove(name);
            return;
        }
        long since = unassignedWithTasksRunningSince.computeIfAbsent(name, k -> System.currentTimeMillis());
        if (System.currentTimeMillis() - since < staleStatusMs || restarted.contains(name)) {
            return;
        }
        try {
            rest.restartConnector(name);
            restarted.add(name);
            out.println(name + ": UNASSIGNED for " + (System.currentTimeMillis() - since) / 1000 + " s while its tasks"
                    + " run; restarted the connector instance, not its tasks");
        } catch (IOException e) {
            // in a rebalance (409) or the worker is away: tried again on the next look
        }
    }
}
