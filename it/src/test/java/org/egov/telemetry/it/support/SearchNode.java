package org.egov.telemetry.it.support;

import org.egov.telemetry.core.Json;
import org.opentest4j.TestAbortedException;

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
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real search node for integration tests, started from an unpacked Maven Central integ-test zip
 * ({@link SearchDistribution}): {@link #shared()} is the JVM-wide OpenSearch node, {@link #shared(SearchDistribution)}
 * one JVM-wide node per distribution, and {@link #start(SearchDistribution, Options)} a node of the caller's own
 * (for tests that stop it or change its settings), which {@link #restart} brings back on the same port with the
 * same data. Every node is stopped (with every process it started) when the JVM exits.
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

    private static final Map<SearchDistribution, SearchNode> SHARED = new EnumMap<>(SearchDistribution.class);
    private static final Map<SearchDistribution, RuntimeException> SHARED_FAILURES =
            new EnumMap<>(SearchDistribution.class);

    /** The superuser of nodes started with security on; the helpers authenticate as it. */
    public static final String SUPERUSER = "sink-admin";
    public static final String SUPERUSER_PASSWORD = "sink-admin-password";

    /** Password of the node's certificate key store and of the {@link #truststore()} made with it. */
    public static final String STORE_PASSWORD = "searchnode-store";

    /**
     * How to start a node: extra {@code -E} settings, whether to turn security on with {@link #SUPERUSER}, and
     * whether to serve HTTPS with a self-signed certificate made by keytool (security only).
     */
    public record Options(Map<String, String> settings, boolean security, boolean tls) {
        public static Options defaults() {
            return new Options(Map.of(), false, false);
        }

        public static Options withSecurity() {
            return new Options(Map.of(), true, false);
        }

        public static Options withSecurityAndTls() {
            return new Options(Map.of(), true, true);
        }
    }

    private final SearchDistribution distribution;
    private final Options options;
    private final Path home;
    private final Path workDir;
    private final Path dataDir;
    private final Path confDir;
    private final Path logDir;
    private final Path tmpDir;
    private final Path consoleLog;
    private final Path javaHome;
    private final int httpPort;
    private final int transportPort;
    private final boolean root;
    private final String authorization;
    private Process process;
    private Duration startup;
    private final HttpClient http;

    /**
     * The JVM-wide OpenSearch 2.19 node, started on the first call (which blocks until the cluster is yellow or
     * green). A failed start fails every later call too, without trying again.
     */
    public static SearchNode shared() {
        return shared(SearchDistribution.OPENSEARCH_2_19);
    }

    /** The JVM-wide node of {@code distribution}, started on the first call; see {@link #shared()}. */
    public static synchronized SearchNode shared(SearchDistribution distribution) {
        RuntimeException failure = SHARED_FAILURES.get(distribution);
        if (failure != null) {
            throw failure;
        }
        SearchNode node = SHARED.get(distribution);
        if (node == null) {
            try {
                node = start(distribution, Options.defaults());
            } catch (RuntimeException e) {
                SHARED_FAILURES.put(distribution, e);
                throw e;
            }
            SHARED.put(distribution, node);
        }
        return node;
    }

    /**
     * A node of the caller's own, on free ports with fresh folders; the caller may {@link #stop()} and
     * {@link #restart()} it, and should {@link #close()} it when done.
     *
     * @throws TestAbortedException when the distribution was not unpacked (it belongs to a profile) or no JDK
     *         new enough for it is installed: the calling test is skipped with the reason
     */
    public static SearchNode start(SearchDistribution distribution, Options options) {
        Path home = distribution.home();
        if (home == null || !Files.isDirectory(home)) {
            if (distribution == SearchDistribution.OPENSEARCH_2_19) {
                throw new IllegalStateException("System property " + HOME_PROPERTY
                        + " is not set; it must name an unpacked OpenSearch distribution");
            }
            throw new TestAbortedException(distribution + " is not unpacked under "
                    + System.getProperty(SearchDistribution.ELASTICSEARCH_ROOT_PROPERTY)
                    + (distribution.inDefaultBuild() ? "; run the it module's pre-integration-test phase"
                    : "; it belongs to the full matrix: mvn -pl it verify -Pes-matrix"));
        }
        Path javaHome = Jdks.atLeast(distribution.minimumJava()).orElseThrow(() ->
                new TestAbortedException(distribution + " needs Java " + distribution.minimumJava()
                        + " or later and none was found (system property java25.home="
                        + System.getProperty("java25.home") + ", JAVA25_HOME, /usr/lib/jvm)"));
        return new SearchNode(distribution, options, home, javaHome);
    }

    private SearchNode(SearchDistribution distribution, Options options, Path home, Path javaHome) {
        if (!Files.isExecutable(home.resolve(distribution.launcher()))) {
            throw new IllegalStateException("No executable " + distribution.launcher() + " under " + home);
        }
        this.distribution = distribution;
        this.options = options;
        this.home = home;
        this.javaHome = javaHome;
        this.root = runningAsRoot();
        this.authorization = options.security() ? "Basic " + Base64.getEncoder().encodeToString(
                (SUPERUSER + ":" + SUPERUSER_PASSWORD).getBytes(StandardCharsets.UTF_8)) : null;
        try {
            workDir = Files.createTempDirectory(home.getParent(), "node-");
            dataDir = Files.createDirectories(workDir.resolve("data"));
            logDir = Files.createDirectories(workDir.resolve("logs"));
            tmpDir = Files.createDirectories(workDir.resolve("tmp"));
            confDir = workDir.resolve("config");
            copyTree(home.resolve("config"), confDir);   // nodes may write to their config: keep the zip's pristine
            consoleLog = logDir.resolve("console.log");
            httpPort = freePort();
            transportPort = freePort();
            if (options.tls()) {
                makeCertificate();
            }
            if (root) {
                handToUnprivilegedUser(home, workDir);
            }
            if (options.tls()) {
                runTool(null, "bin/elasticsearch-keystore", "create");
                runTool(STORE_PASSWORD + "\n", "bin/elasticsearch-keystore", "add", "-x",
                        "xpack.security.http.ssl.keystore.secure_password");
            }
            if (options.security()) {
                runTool(null, "bin/elasticsearch-users", "useradd", SUPERUSER, "-p", SUPERUSER_PASSWORD,
                        "-r", "superuser");
            }
            http = httpClient();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + distribution + " from " + home, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndDeleteData, "search-node-shutdown"));
        launch();
    }

    /** Starts the node process and waits until the cluster is yellow or green. */
    private synchronized void launch() {
        long began = System.nanoTime();
        List<String> command = new ArrayList<>(asUnprivilegedUser());
        command.add(home.resolve(distribution.launcher()).toString());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("discovery.type", "single-node");
        settings.put("network.host", "127.0.0.1");
        settings.put("http.port", Integer.toString(httpPort));
        settings.put("transport.port", Integer.toString(transportPort));
        settings.put("path.data", dataDir.toString());
        settings.put("path.logs", logDir.toString());
        settings.put("cluster.name", "searchnode-" + httpPort);
        settings.put("node.name", "searchnode");
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        settings.putAll(distribution.baseSettings());
        if (options.security()) {
            settings.putAll(distribution.securitySettings());
        }
        if (options.tls()) {
            settings.put("xpack.security.http.ssl.enabled", "true");
            settings.put("xpack.security.http.ssl.keystore.path", "http.p12");
        }
        settings.putAll(options.settings());
        settings.forEach((key, value) -> command.add("-E" + key + "=" + value));
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
            environment(builder.environment());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + distribution + " from " + home, e);
        }
        awaitHealthy();
        startup = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("%s at %s is up after %.1f s (pid %d, logs in %s)%n",
                distribution, url(), startup.toMillis() / 1000.0, process.pid(), logDir);
    }

    /** Which product and version this node runs. */
    public SearchDistribution distribution() {
        return distribution;
    }

    /** Stops the node process, keeping its port, settings and data for {@link #restart()}. */
    public void stop() {
        stopProcess();
    }

    /** Starts the node again after {@link #stop()} (or stops it first), on the same port with the same data. */
    public void restart() {
        stopProcess();
        launch();
    }

    /** Stops the node for good and deletes its data (not its logs). */
    public void close() {
        stopAndDeleteData();
    }

    /** The {@code Authorization} header value the helpers send (null when security is off). */
    public String authorization() {
        return authorization;
    }

    private void environment(Map<String, String> env) {
        String prefix = distribution.envPrefix();
        env.put(prefix + "_JAVA_OPTS", "-Xms512m -Xmx512m");
        env.put(prefix + "_JAVA_HOME", javaHome.toString());
        env.put(prefix + "_TMPDIR", tmpDir.toString());
        env.put(prefix + "_PATH_CONF", confDir.toString());
        env.remove("JAVA_HOME");
    }

    private List<String> asUnprivilegedUser() {
        return root ? List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups")
                : List.of();
    }

    /** Runs a tool of the distribution as the node's user, with the node's environment and config. */
    private void runTool(String input, String... tool) throws IOException {
        List<String> command = new ArrayList<>(asUnprivilegedUser());
        command.add(home.resolve(tool[0]).toString());
        command.addAll(List.of(tool).subList(1, tool.length));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        environment(builder.environment());
        try {
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", tool) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", tool), e);
        }
    }

    /** A self-signed certificate for 127.0.0.1 in config/http.p12, and a trust store holding it. */
    private void makeCertificate() throws IOException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path keystore = confDir.resolve("http.p12");
        Path certificate = workDir.resolve("http.crt");
        run(keytool, "-genkeypair", "-alias", "http", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        run(keytool, "-exportcert", "-alias", "http", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-rfc", "-file", certificate.toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "searchnode", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", truststore().toString(), "-storepass", STORE_PASSWORD);
    }

    /** PKCS12 trust store (password {@link #STORE_PASSWORD}) with the node's certificate; TLS nodes only. */
    public Path truststore() {
        return workDir.resolve("truststore.p12");
    }

    private HttpClient httpClient() throws IOException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (options.tls()) {
            try (var in = Files.newInputStream(truststore())) {
                java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
                trust.load(in, STORE_PASSWORD.toCharArray());
                javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trust);
                javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
                ssl.init(null, factory.getTrustManagers(), null);
                builder.sslContext(ssl);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("Could not load " + truststore(), e);
            }
        }
        return builder.build();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** {@code http://127.0.0.1:PORT} ({@code https://} for a TLS node) */
    public String url() {
        return (options.tls() ? "https" : "http") + "://127.0.0.1:" + httpPort;
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
        if (authorization != null) {
            builder.header("Authorization", authorization);
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
                throw new IllegalStateException(distribution + " exited with code " + process.exitValue()
                        + " before it was healthy. Log tail:\n" + logTail());
            }
            try {
                HttpRequest.Builder health = HttpRequest.newBuilder(
                                URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .timeout(Duration.ofSeconds(5)).GET();
                if (authorization != null) {
                    health.header("Authorization", authorization);
                }
                HttpResponse<String> response = http.send(health.build(), HttpResponse.BodyHandlers.ofString());
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
                stopProcess();
                throw new IllegalStateException("Interrupted while waiting for " + distribution, e);
            }
            sleep(250);
        }
        stopProcess();
        throw new IllegalStateException(distribution + " at " + url() + " was not healthy after " + START_TIMEOUT.toSeconds()
                + " s (last: " + last + "). Log tail:\n" + logTail());
    }

    /** Stops the node and everything it started; safe to call more than once. */
    private synchronized void stopProcess() {
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
        stopProcess();
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
