package org.egov.telemetry.it.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node.js (at least {@value #MIN_MAJOR}, whose global {@code fetch} the Sunbird SDK sends with) and npm on the
 * PATH. A build that runs as root on Debian, as CI does on a fresh machine, installs Debian's {@code nodejs}
 * and {@code npm} when they are missing; anywhere else a missing or old Node is a clear failure.
 */
final class NodeRuntime {

    static final int MIN_MAJOR = 18;

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+).*");
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(15);

    private final String nodeVersion;
    private final String npmVersion;

    private NodeRuntime(String nodeVersion, String npmVersion) {
        this.nodeVersion = nodeVersion;
        this.npmVersion = npmVersion;
    }

    /** Finds Node and npm, installing them with apt-get first when that is possible and needed. */
    static NodeRuntime require() {
        String node = version("node");
        String npm = version("npm");
        if (usable(node) && npm != null) {
            return new NodeRuntime(node, npm);
        }
        if (!runningAsRoot() || !Files.exists(Path.of("/etc/debian_version"))) {
            throw new IllegalStateException(missing(node, npm) + " Install Node.js " + MIN_MAJOR
                    + " or newer with npm (on Debian 12 or newer: apt-get install -y nodejs npm) and run again.");
        }
        Commands.run(List.of("apt-get", "update"), Path.of("."), Map.of("DEBIAN_FRONTEND", "noninteractive"),
                APT_TIMEOUT);
        Commands.run(List.of("apt-get", "install", "-y", "--no-install-recommends", "nodejs", "npm"), Path.of("."),
                Map.of("DEBIAN_FRONTEND", "noninteractive"), APT_TIMEOUT);
        node = version("node");
        npm = version("npm");
        if (!usable(node) || npm == null) {
            throw new IllegalStateException(missing(node, npm) + " even after apt-get install nodejs npm.");
        }
        return new NodeRuntime(node, npm);
    }

    String nodeVersion() {
        return nodeVersion;
    }

    String npmVersion() {
        return npmVersion;
    }

    private static String missing(String node, String npm) {
        return "The real-SDK test needs Node.js >= " + MIN_MAJOR + " and npm on the PATH, but found node "
                + (node == null ? "nowhere" : node) + " and npm " + (npm == null ? "nowhere" : npm) + ".";
    }

    private static boolean usable(String nodeVersion) {
        if (nodeVersion == null) {
            return false;
        }
        Matcher matcher = VERSION.matcher(nodeVersion);
        return matcher.matches() && Integer.parseInt(matcher.group(1)) >= MIN_MAJOR;
    }

    /** The first line {@code <command> --version} prints, or null when it cannot run. */
    private static String version(String command) {
        try {
            Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 && !output.isEmpty() ? output.lines().findFirst().orElse(output) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while looking for " + command, e);
        }
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
}
