package org.egov.telemetry.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian packages a test needs. When one of the files they provide is missing and the build runs as root on
 * Debian (as CI does on a fresh machine), they are installed with {@code apt-get install -y
 * --no-install-recommends}, with an {@code apt-get update} only when that install fails without one; anywhere
 * else a missing file is a clear failure naming the packages to install.
 */
public final class DebianPackages {

    private static final Duration APT_TIMEOUT = Duration.ofMinutes(15);

    private DebianPackages() {
    }

    /** Makes sure every program in {@code provided} is there, installing {@code packages} when one is not. */
    public static synchronized void require(List<Path> provided, String... packages) {
        if (missing(provided).isEmpty()) {
            return;
        }
        String install = "apt-get install -y " + String.join(" ", packages);
        if (!Files.exists(Path.of("/etc/debian_version")) || !runningAsRoot()) {
            throw new IllegalStateException("Missing " + missing(provided) + ". Install the Debian packages ("
                    + install + ") or run the build as root on Debian to have them installed.");
        }
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y",
                "--no-install-recommends"));
        command.addAll(List.of(packages));
        String output = run(command);
        if (!missing(provided).isEmpty()) {
            run(List.of("apt-get", "-o", "DPkg::Lock::Timeout=300", "update"));
            output = run(command);
        }
        if (!missing(provided).isEmpty()) {
            throw new IllegalStateException("Still missing " + missing(provided) + " after " + install
                    + ". Output:\n" + output);
        }
        System.out.printf("Installed %s in %d s%n", String.join(" ", packages),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static List<Path> missing(List<Path> provided) {
        return provided.stream().filter(path -> !Files.isExecutable(path)).toList();
    }

    /** Runs an apt-get command to completion and returns its output; a failure is left to the file check. */
    private static String run(List<String> command) {
        Path log = null;
        try {
            log = Files.createTempFile("apt-get", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(APT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + APT_TIMEOUT.toMinutes() + " min. Output:\n" + Files.readString(log));
            }
            String output = Files.readString(log);
            if (process.exitValue() != 0) {
                System.err.println(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** Whether the build runs as root, which may install packages (and must run Chromium without sandbox). */
    static boolean runningAsRoot() {
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
}
