package org.egov.telemetry.it.stack;

import org.egov.telemetry.it.support.ConnectorFiles;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./telemetry-stack} as a user runs it, on a data folder of its own, with the build outputs of this
 * reactor ({@code TELEMETRY_STACK_SKIP_BUILD=1}). The stack listens on its documented fixed ports.
 */
final class LocalStack implements AutoCloseable {

    static final int INGEST_PORT = 9001;
    static final List<Integer> PORTS = List.of(9092, 9093, 8083, 9000, 9200, 9300, INGEST_PORT);

    private final Path script = ConnectorFiles.repoRoot().resolve("telemetry-stack");
    private final Path data;

    /** A command's exit code and what it printed (stdout and stderr together). */
    record Run(int exitCode, String output) {
    }

    LocalStack() throws IOException {
        for (int port : PORTS) {
            if (listening(port)) {
                throw new IllegalStateException("127.0.0.1:" + port + " is taken: stop what listens there (a local"
                        + " stack: ./telemetry-stack down) before running this test");
            }
        }
        // Traversable by every user: the search node runs unprivileged when the build runs as root.
        data = Files.createTempDirectory("telemetry-stack-it-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    Path data() {
        return data;
    }

    Run run(Duration timeout, String... args) throws IOException, InterruptedException {
        return run(Map.of(), timeout, args);
    }

    /** @param env further environment of the command, e.g. {@code TELEMETRY_STACK_WORKERS} */
    Run run(Map<String, String> env, Duration timeout, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(data, "command-", ".out");
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add("bash");
        builder.command().add(script.toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("TELEMETRY_STACK_DATA", data.toString());
        builder.environment().put("TELEMETRY_STACK_SKIP_BUILD", "1");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("telemetry-stack " + String.join(" ", args) + " did not finish within "
                    + timeout + ":\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        System.out.printf("$ telemetry-stack %s%n%s", String.join(" ", args), output);
        return new Run(process.exitValue(), output);
    }

    /** The pid the stack recorded for a part (kafka, connect, s3proxy, opensearch). */
    long pid(String part) throws IOException {
        return Long.parseLong(Files.readString(data.resolve("run").resolve(part + ".pid")).trim());
    }

    /** kill -9 of a part's whole process group, as a crash or the OOM killer would; returns when it is gone. */
    void kill(String part) throws IOException, InterruptedException {
        long pid = pid(part);
        signal("-KILL", pid);
        long deadline = System.currentTimeMillis() + 30_000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(part + " (pid " + pid + ") still alive 30 s after SIGKILL");
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM to a part's process group, as an orderly stop; returns how long the process took to exit. */
    Duration terminate(String part) throws IOException, InterruptedException {
        long pid = pid(part);
        long sent = System.nanoTime();
        signal("-TERM", pid);
        long deadline = System.currentTimeMillis() + 60_000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(part + " (pid " + pid + ") still alive 60 s after SIGTERM");
            }
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - sent);
    }

    /** Freezes a part's process group (SIGSTOP) for a while, then lets it go on (SIGCONT): a hung process. */
    void hang(String part, Duration howLong) throws IOException, InterruptedException {
        long pid = pid(part);
        signal("-STOP", pid);
        try {
            Thread.sleep(howLong.toMillis());
        } finally {
            signal("-CONT", pid);
        }
    }

    private static void signal(String signal, long groupLeader) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, "--", "-" + groupLeader).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + signal + " -" + groupLeader + " failed");
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the stack and deletes its state, keeping its logs in {@code it/target/stack-it-logs}. */
    @Override
    public void close() throws Exception {
        run(Duration.ofMinutes(3), "down");
        Path logs = data.resolve("logs");
        Path kept = ConnectorFiles.repoRoot().resolve("it/target/stack-it-logs");
        if (Files.isDirectory(logs)) {
            Files.createDirectories(kept);
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        run(Duration.ofMinutes(3), "down", "--purge");
    }
}
