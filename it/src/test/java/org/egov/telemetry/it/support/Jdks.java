package org.egov.telemetry.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given feature version: the running one, then the system property {@code java25.home}
 * (set by the it pom, default /usr/lib/jvm/temurin-25-jdk-amd64), then {@code JAVA25_HOME}, then any JDK under
 * /usr/lib/jvm whose {@code release} file says it is new enough.
 */
final class Jdks {

    private Jdks() {
    }

    static Optional<Path> atLeast(int feature) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        String property = System.getProperty("java25.home");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        String env = System.getenv("JAVA25_HOME");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> installed = Files.list(jvms)) {
                installed.sorted().forEach(candidates::add);
            } catch (IOException e) {
                // nothing more to look at
            }
        }
        return candidates.stream().filter(home -> featureOf(home) >= feature).findFirst();
    }

    /** The feature version a JDK's {@code release} file states, or 0. */
    static int featureOf(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String first = version.split("[.+-]")[0];
                    return Integer.parseInt(first.equals("1") ? version.split("\\.")[1] : first);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
