package org.egov.telemetry.it.support;

import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSearch node for integration tests: one per JVM, started on first use from the unpacked
 * integ-test distribution named by the system property {@code opensearch.home}, and stopped (with every
 * process it started) when the JVM exits.
 *
 * <p>The node runs as a separate process on free loopback ports with fresh data and log folders next to the
 * distribution. OpenSearch refuses to run as root, so when the tests run as root (as CI does) the node is
 * started as uid/gid 65534 through {@code setpriv}, with the distribution, data and log folders handed to
 * that user.
 */
public final class SearchNode {

    /** System property naming the unpacked distribution (set by the {@code it} module's failsafe config). */
    public static final String HOME_PROPERTY = "opensearch.home";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int UNPRIVILEGED_ID = 65534;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static SearchNode shared;
    private static RuntimeException sharedFailure;

    private final Path home;
    private final Path workDir;
    private final Path logDir;
    private final Path consoleLog;
    private final int httpPort;
    private final Process process;
    private final Duration startup;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The JVM-wide node, started on the first call (which blocks until the cluster is yellow or green).
     * A failed start fails every later call too, without trying again.
     */
    public static synchronized SearchNode shared() {
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        if (shared == null) {
            String home = System.getProperty(HOME_PROPERTY);
            if (home == null || home.isBlank()) {
                sharedFailure = new IllegalStateException("System property " + HOME_PROPERTY
                        + " is not set; it must name an unpacked OpenSearch distribution");
                throw sharedFailure;
            }
            try {
                shared = new SearchNode(Path.of(home).toAbsolutePath().normalize());
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    private SearchNode(Path home) {
        if (!Files.isExecutable(home.resolve("bin/opensearch"))) {
            throw new IllegalStateException("No executable bin/opensearch under " + home);
        }
        this.home = home;
        long began = System.nanoTime();
        try {
            workDir = Files.createTempDirectory(home.getParent(), "node-");
            Path dataDir = Files.createDirectories(workDir.resolve("data"));
            logDir = Files.createDirectories(workDir.resolve("logs"));
            Path tmpDir = Files.createDirectories(workDir.resolve("tmp"));
            consoleLog = logDir.resolve("console.log");
            httpPort = freePort();
            int transportPort = freePort();

            List<String> command = new ArrayList<>();
            boolean root = runningAsRoot();
            if (root) {
                handToUnprivilegedUser(home, workDir);
                command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                        "--clear-groups"));
            }
            command.add(home.resolve("bin/opensearch").toString());
            command.addAll(List.of(
                    "-Ediscovery.type=single-node",
                    "-Enetwork.host=127.0.0.1",
                    "-Ehttp.port=" + httpPort,
                    "-Etransport.port=" + transportPort,
                    "-Epath.data=" + dataDir,
                    "-Epath.logs=" + logDir,
                    "-Ecluster.name=searchnode-" + httpPort,
                    "-Enode.name=searchnode",
                    "-Ecluster.routing.allocation.disk.threshold_enabled=false"));

            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(consoleLog.toFile());
            Map<String, String> env = builder.environment();
            env.put("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m");
            env.put("OPENSEARCH_JAVA_HOME", javaHome());
            env.put("OPENSEARCH_TMPDIR", tmpDir.toString());
            env.remove("JAVA_HOME");
            env.remove("OPENSEARCH_PATH_CONF");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start OpenSearch from " + home, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndDeleteData, "search-node-shutdown"));
        awaitHealthy();
        startup = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("OpenSearch at %s is up after %.1f s (pid %d, logs in %s)%n",
                url(), startup.toMillis() / 1000.0, process.pid(), logDir);
    }

    /** {@code http://127.0.0.1:PORT} */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int port() {
        return httpPort;
    }

    /** How long the node took from launch until its cluster was yellow or green. */
    public Duration startupTime() {
        return startup;
    }

    /** Folder holding the node's log files ({@code console.log} is its standard output). */
    public Path logDir() {
        return logDir;
    }

    /** Makes everything indexed so far in {@code index} visible to search and count. */
    public void refresh(String index) {
        request("POST", "/" + encode(index) + "/_refresh", null, 200);
    }

    /** Documents in {@code index} (0 when it does not exist), as of the last refresh. */
    public long count(String index) {
        Response response = request("GET", "/" + encode(index) + "/_count", null, 200, 404);
        if (response.status() == 404) {
            return 0;
        }
        return ((Number) response.body().get("count")).longValue();
    }

    /** {@code POST /index/_search} with a search body such as {@code {"query":{"term":{"eid":"START"}}}}. */
    public Map<String, Object> search(String index, Map<String, ?> body) {
        return request("POST", "/" + encode(index) + "/_search", Json.toString(body), 200).body();
    }

    /** As {@link #search(String, Map)} with the body given as JSON text. */
    public Map<String, Object> search(String index, String jsonBody) {
        return request("POST", "/" + encode(index) + "/_search", jsonBody, 200).body();
    }

    /** The {@code _source} of every hit in a search response, in hit order. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> sources(Map<String, Object> searchResponse) {
        Map<String, Object> hits = (Map<String, Object>) searchResponse.get("hits");
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object hit : (List<Object>) hits.get("hits")) {
            found.add((Map<String, Object>) ((Map<String, Object>) hit).get("_source"));
        }
        return found;
    }

    /** {@code GET /index/_doc/id}: the whole answer ({@code found}, {@code _source}...), also when not found. */
    public Map<String, Object> get(String index, String id) {
        return request("GET", "/" + encode(index) + "/_doc/" + encode(id), null, 200, 404).body();
    }

    /** Deletes {@code index} if it exists, so a test can start from nothing. */
    public void deleteIndex(String index) {
        request("DELETE", "/" + encode(index), null, 200, 404);
    }

    /**
     * Any request, for what the helpers above do not cover.
     *
     * @param jsonBody request body or null
     * @param expected accepted HTTP statuses; any other fails with the node's answer
     */
    public Response request(String method, String path, String jsonBody, int... expected) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(REQUEST_TIMEOUT)
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
        boolean accepted = expected.length == 0;
        for (int status : expected) {
            accepted |= status == response.statusCode();
        }
        if (!accepted) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        Map<String, Object> body;
        try {
            body = response.body().isBlank() ? Map.of() : Json.parseObject(response.body());
        } catch (IOException e) {
            body = Map.of("text", response.body());
        }
        return new Response(response.statusCode(), body);
    }

    /** An HTTP status and the parsed JSON object answered ({@code {"text": ...}} when not a JSON object). */
    public record Response(int status, Map<String, Object> body) {
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited with code " + process.exitValue()
                        + " before it was healthy. Log tail:\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                String status = response.statusCode() == 200
                        ? String.valueOf(Json.parseObject(response.body()).get("status")) : "HTTP " + response.statusCode();
                if (status.equals("green") || status.equals("yellow")) {
                    return;
                }
                last = status;
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("Interrupted while waiting for OpenSearch", e);
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("OpenSearch at " + url() + " was not healthy after " + START_TIMEOUT.toSeconds()
                + " s (last: " + last + "). Log tail:\n" + logTail());
    }

    /** Stops the node and everything it started; safe to call more than once. */
    private synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String logTail() {
        StringBuilder tail = new StringBuilder();
        for (Path log : List.of(consoleLog, logDir.resolve("searchnode-" + httpPort + ".log"))) {
            if (Files.exists(log)) {
                try {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                    tail.append("==> ").append(log).append('\n');
                    lines.subList(Math.max(0, lines.size() - 40), lines.size())
                            .forEach(line -> tail.append(line).append('\n'));
                } catch (IOException | UncheckedIOException e) {
                    tail.append("(could not read ").append(log).append(": ").append(e).append(")\n");
                }
            }
        }
        return tail.length() == 0 ? "(no log written)" : tail.toString();
    }

    private static boolean runningAsRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return id.waitFor() == 0 && uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** chown -R the folders to 65534 and make every ancestor folder traversable by others. */
    private static void handToUnprivilegedUser(Path... folders) throws IOException {
        for (Path folder : folders) {
            run("chown", "-R", UNPRIVILEGED_ID + ":" + UNPRIVILEGED_ID, folder.toString());
            for (Path dir = folder.getParent(); dir != null; dir = dir.getParent()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
                if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(dir, permissions);
                }
            }
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
    }

    private static String javaHome() {
        String javaHome = System.getProperty("java.home");
        if (javaHome == null || !Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
            javaHome = System.getenv("JAVA_HOME");
        }
        if (javaHome == null) {
            throw new IllegalStateException("Neither java.home nor JAVA_HOME names a JDK to run OpenSearch with");
        }
        return javaHome;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for OpenSearch", e);
        }
    }

    private void stopAndDeleteData() {
        stop();
        try {
            deleteTree(workDir.resolve("data"));      // logs stay for post-mortems
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + workDir.resolve("data") + ": " + e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
