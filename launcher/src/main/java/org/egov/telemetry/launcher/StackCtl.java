package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The parts of {@code ./telemetry-stack} that bash does badly: topics through the Admin API, connector
 * registration and state over the Connect REST API.
 *
 * <pre>
 * StackCtl topics     --bootstrap HOST:PORT [--partitions N] [--timeout S] [--dir DIR] [TOPIC...]
 *                                                          create the topics named, and those the connector
 *                                                          files in DIR read or write (ConnectorFile#topics)
 * StackCtl connectors --url URL --dir DIR [--timeout S] [--set NAME.KEY=VALUE] [--bootstrap HOST:PORT]
 *                                                          register DIR/*.json (with one key of
 *                                                          one connector changed), wait RUNNING (with the
 *                                                          broker's address, aborting hanging transactions)
 * StackCtl register   --url URL FILE...                   PUT /connectors/NAME/config for each file
 * StackCtl wait       --url URL [--timeout S]             every connector and task RUNNING, else traces
 * StackCtl fingerprint DIR                                a digest of the plugins in DIR, unchanged by a
 *                                                          rebuild of unchanged sources
 * StackCtl status     --url URL [--bootstrap HOST:PORT]   one line per connector and task, and how far each
 *                                                          is behind its input topic
 * </pre>
 * Exit codes: 0 done, 1 a connector or task failed, 2 timed out or unreachable, 64 usage.
 */
public final class StackCtl {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int TIMEOUT = 2;
    static final int USAGE = 64;

    /** While the connectors are registered and awaited, how often to look for hanging transactions. */
    private static final long HANGING_CHECK_MS = 10_000;

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    public static void main(String[] args) {
        int code;
        try {
            code = new StackCtl().run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("stackctl: " + e.getMessage());
            code = USAGE;
        } catch (Exception e) {
            System.err.println("stackctl: " + e);
            code = TIMEOUT;
        }
        System.exit(code);
    }

    int run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: StackCtl topics|connectors|register|wait|fingerprint|status|replay [options]");
        }
        Args a = Args.parse(args, 1);
        switch (args[0]) {
            case "topics":
                return StackTopics.create(a.require("bootstrap"), a.intOpt("partitions", 1),
                        a.intOpt("timeout", 60), topics(a), out, err);
            case "connectors":
                return connectors(rest(a), Path.of(a.require("dir")), a.intOpt("timeout", 120), a.opt("set", null),
                        a.opt("bootstrap", null));
            case "register": {
                ConnectRest rest = rest(a);
                List<ConnectorFile> files = new ArrayList<>();
                for (String f : a.positional) {
                    files.add(ConnectorFile.read(json, Path.of(f)));
                }
                return register(rest, files, System.currentTimeMillis() + 60_000L);
            }
            case "wait": {
                ConnectRest rest = rest(a);
                return waitRunning(rest, List.of(), System.currentTimeMillis() + a.intOpt("timeout", 120) * 1000L);
            }
            case "fingerprint":
                if (a.positional.size() != 1) {
                    throw new IllegalArgumentException("usage: StackCtl fingerprint DIR");
                }
                out.println(PluginFingerprint.of(Path.of(a.positional.get(0))));
                return OK;
            case "status":
                return status(rest(a), a.opt("bootstrap", null));
            case "replay":
                return replay(rest(a), a);
            default:
                throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** The topics named on the command line, and those of the connector files in --dir. */
    private List<String> topics(Args a) throws IOException {
        Set<String> topics = new LinkedHashSet<>(a.positional);
        String dir = a.opt("dir", null);
        if (dir != null) {
            for (ConnectorFile file : ConnectorFile.readDir(json, Path.of(dir))) {
                topics.addAll(file.topics());
            }
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("topics: name the topics, or give --dir with connector files that do");
        }
        return List.copyOf(topics);
    }

    private ConnectRest rest(Args a) {
        return new ConnectRest(json, a.opt("url", "http://127.0.0.1:8083"));
    }

    /**
     * Registers and waits as {@link #connectors(ConnectRest, Path, int, String)} does. With the broker's address,
     * it meanwhile aborts the hanging transactions it finds once 30 s have passed: one on the offsets topic keeps
     * a restarted worker from answering and source connectors from starting, for good.
     */
    int connectors(ConnectRest rest, Path dir, int timeoutSeconds, String set, String bootstrap) throws Exception {
        if (bootstrap == null) {
            return connectors(rest, dir, timeoutSeconds, set);
        }
        try (HangingTransactions transactions = new HangingTransactions(bootstrap)) {
            ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hanging-transactions");
                t.setDaemon(true);
                return t;
            });
            long first = HangingTransactions.OPEN_LONGER_THAN.toMillis();
            Set<String> reported = ConcurrentHashMap.newKeySet();
            watch.scheduleWithFixedDelay(() -> abortHanging(transactions, reported), first, HANGING_CHECK_MS,
                    TimeUnit.MILLISECONDS);
            try {
                return connectors(rest, dir, timeoutSeconds, set);
            } finally {
                watch.shutdownNow();
                watch.awaitTermination(20, TimeUnit.SECONDS);
            }
        }
    }

    int connectors(ConnectRest rest, Path dir, int timeoutSeconds, String set) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        List<ConnectorFile> files = ConnectorFile.readDir(json, dir);
        if (set != null) {
            files = ConnectorFile.withSetting(files, set);
        }
        if (files.isEmpty()) {
            out.println("no connector files in " + dir + ": nothing to register");
        }
        int code = register(rest, files, deadline);
        if (code != OK) {
            return code;
        }
        return waitRunning(rest, files.stream().map(ConnectorFile::name).toList(), deadline);
    }

    /**
     * PUT each file's config unless the connector already has exactly that config (Connect restarts a connector
     * on every PUT, even of the same config). The worker answers 404 until its REST resources are up, and 409/5xx
     * while it joins the group or reads the config topic: those are retried until the deadline. Connectors left FAILED by an earlier run are restarted
     * once.
     */
    int register(ConnectRest rest, List<ConnectorFile> files, long deadline) throws InterruptedException {
        for (ConnectorFile f : files) {
            try {
                ConnectRest.whileSettling(deadline, () -> registerOne(rest, f), e -> { });
            } catch (ConnectRest.RestException e) {
                if (e.passing()) {
                    err.println("gave up registering " + f.name() + ": " + e.getMessage());
                    return TIMEOUT;
                }
                err.println("cannot register " + f.name() + " from " + f.path() + ": " + e.getMessage());
                return FAILED;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                err.println("cannot register " + f.name() + ": " + e);
                return FAILED;
            }
        }
        return OK;
    }

    private void registerOne(ConnectRest rest, ConnectorFile f) throws IOException {
        if (f.config().equals(rest.config(f.name()).orElse(null))) {
            out.println("unchanged " + f.name() + "  (" + f.path().getFileName() + ")");
        } else {
            boolean created = rest.putConfig(f.name(), f.config());
            out.println((created ? "created " : "updated ") + f.name() + "  (" + f.path().getFileName() + ")");
        }
        restartIfFailed(rest, f.name());
    }

    private void restartIfFailed(ConnectRest rest, String name) {
        try {
            JsonNode s = rest.status(name);
            boolean failed = "FAILED".equals(s.path("connector").path("state").asText());
            for (JsonNode t : s.path("tasks")) {
                failed |= "FAILED".equals(t.path("state").asText());
            }
            if (failed) {
                out.println("restarting failed instances of " + name);
                rest.restartFailed(name);
            }
        } catch (IOException e) {
            // a new connector has no status yet
        }
    }

    /** Waits until every connector of the cluster (and those named) and each of its tasks is RUNNING. */
    int waitRunning(ConnectRest rest, List<String> expected, long deadline) throws InterruptedException {
        return new RunningWait(rest, out, err).until(expected, deadline);
    }

    private void abortHanging(HangingTransactions transactions, Set<String> reported) {
        try {
            for (HangingTransactions.Hanging h : transactions.find()) {
                if (!h.mayBeCommitted()) {
                    transactions.abort(h);
                    out.println("aborted a hanging transaction, which stopped every read_committed reader of its "
                            + "partition: " + h);
                } else if (reported.add(h.toString())) {
                    err.println("a transaction hangs open, which stops every read_committed reader of its partition: "
                            + h + ". Its coordinator may have committed it (see 'After a broker crash' in "
                            + "docs/operations.md), so it is not aborted: an abort would drop records their producer "
                            + "was told are stored.");
                }
            }
        } catch (Exception e) {
            err.println("could not look for hanging transactions: " + e);
        }
    }

    int status(ConnectRest rest, String bootstrap) {
        try {
            JsonNode root = rest.root();
            out.println("Connect " + root.path("version").asText("?") + "  cluster " + root.path("kafka_cluster_id").asText("?"));
            JsonNode plugins = rest.plugins();
            TreeSet<String> ours = new TreeSet<>();
            int total = 0;
            for (JsonNode p : plugins) {
                total++;
                String cls = p.path("class").asText();
                if (cls.startsWith("org.egov.")) {
                    ours.add(p.path("type").asText() + " " + cls.substring(cls.lastIndexOf('.') + 1));
                }
            }
            out.println("plugins: " + total + " loaded, " + ours.size() + " from the telemetry bundle"
                    + (ours.isEmpty() ? "" : ": " + String.join(", ", ours)));
            JsonNode statuses = rest.statuses();
            if (statuses.isEmpty()) {
                out.println("connectors: none registered");
            } else {
                ConnectorReport.statuses(statuses, out, true);
            }
            if (bootstrap != null && !statuses.isEmpty()) {
                ConnectorReport.lags(rest, statuses, bootstrap, out);
            }
            return OK;
        } catch (IOException e) {
            err.println("Connect REST " + rest.base() + ": " + e.getMessage());
            return TIMEOUT;
        }
    }

    /** {@code --key value} options and positional arguments. */
    /** Registers the replay connectors of --dir with the --set settings and waits until the replay is through. */
    private int replay(ConnectRest rest, Args a) throws Exception {
        List<ConnectorFile> files = ConnectorFile.readDir(json, Path.of(a.require("dir")));
        for (String setting : a.all("set")) {
            files = ConnectorFile.withSetting(files, setting);
        }
        ReplayRun run = new ReplayRun(rest, a.require("bootstrap"), out);
        long deadline = System.currentTimeMillis() + 120_000L;
        run.startWhenSettled(files, deadline);
        int code = waitRunning(rest, files.stream().map(ConnectorFile::name).toList(), deadline);
        if (code != OK) {
            return code;
        }
        boolean done = run.await(System.currentTimeMillis() + a.intOpt("timeout", 3600) * 1000L);
        return done ? OK : TIMEOUT;
    }

    static final class Args {
        final Map<String, String> options = new LinkedHashMap<>();
        final List<String> sets = new ArrayList<>();
        final List<String> positional = new ArrayList<>();

        static Args parse(String[] args, int from) {
            Args a = new Args();
            for (int i = from; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    String key = args[i].substring(2);
                    String value = args[++i];
                    if (key.equals("set")) {
                        a.sets.add(value);
                    }
                    a.options.put(key, value);
                } else {
                    a.positional.add(args[i]);
                }
            }
            return a;
        }

        /** Every value of a repeatable option (only --set is). */
        List<String> all(String key) {
            return key.equals("set") ? sets : options.containsKey(key) ? List.of(options.get(key)) : List.of();
        }

        String opt(String key, String def) {
            return options.getOrDefault(key, def);
        }

        String require(String key) {
            String v = options.get(key);
            if (v == null) {
                throw new IllegalArgumentException("--" + key + " is required");
            }
            return v;
        }

        int intOpt(String key, int def) {
            String v = options.get(key);
            try {
                return v == null ? def : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " must be a number, got " + v);
            }
        }
    }
}
