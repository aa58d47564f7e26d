package org.egov.telemetry.dedup;

import redis.clients.jedis.RedisClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on 127.0.0.1 and a free port, without persistence, for tests. {@link #shared()}
 * is one server for the whole JVM; a test that stops or restarts a server uses {@link #startNew()} and closes
 * it. When {@code redis-server} is not on the PATH and the build runs as root (as CI does on a fresh
 * machine), it is installed with {@code apt-get install -y redis-server} first.
 */
public final class RedisServer implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 20_000;
    private static RedisServer shared;

    private final String executable;
    private final int port;
    private final Path workDir;
    private Process process;

    private RedisServer(String executable, int port, Path workDir) {
        this.executable = executable;
        this.port = port;
        this.workDir = workDir;
    }

    /** The server every test of this JVM shares; never stop it. */
    public static synchronized RedisServer shared() {
        if (shared == null) {
            shared = startNew();
            RedisServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "redis-server-stop"));
        }
        return shared;
    }

    /** A server of the caller's own, e.g. to stop it; close it when done. */
    public static RedisServer startNew() {
        try {
            RedisServer server = new RedisServer(executable(), freePort(),
                    Files.createTempDirectory("redis-test-"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Starts the server again on the same port after {@link #stop()}. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", workDir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("redis-" + port + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + executable, e);
        }
        awaitPong();
    }

    /** Stops the server; its keys are gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitPong() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        RuntimeException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see "
                        + workDir.resolve("redis-" + port + ".log"));
            }
            try (RedisClient client = RedisClient.create(host(), port)) {
                if ("PONG".equals(client.ping())) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for redis-server", e);
            }
        }
        stop();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING", last);
    }

    private static synchronized String executable() throws IOException {
        String found = onPath();
        if (found != null) {
            return found;
        }
        if (!runningAsRoot()) {
            throw new IllegalStateException("redis-server is not installed; install Debian's package "
                    + "(apt-get install -y redis-server) or run the build as root to have it installed");
        }
        run("apt-get", "install", "-y", "--no-install-recommends", "redis-server");
        found = onPath();
        if (found == null) {
            run("apt-get", "update");
            run("apt-get", "install", "-y", "--no-install-recommends", "redis-server");
            found = onPath();
        }
        if (found == null) {
            throw new IllegalStateException("redis-server is still missing after apt-get install");
        }
        return found;
    }

    private static String onPath() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server"))) {
                return Path.of(dir, "redis-server").toString();
            }
        }
        return null;
    }

    private static boolean runningAsRoot() {
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

    private static void run(String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                System.err.println(String.join(" ", command) + " failed:\n" + output);
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
}
