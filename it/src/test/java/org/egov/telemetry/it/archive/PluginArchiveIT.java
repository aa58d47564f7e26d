package org.egov.telemetry.it.archive;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.egov.telemetry.it.support.ConnectorFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin archive as an operator unpacks it into a shared Connect cluster: it must not bring its own copy of
 * what the worker provides (Kafka, Connect, a logging binding), and it must not register, through
 * {@code META-INF/services}, any Kafka plugin that is not ours.
 */
class PluginArchiveIT {

    /** Jars the worker provides; a second copy in a plugin's class loader shadows the worker's. */
    private static final Pattern WORKER_PROVIDED = Pattern.compile(
            "(kafka[-_].*|connect-.*|slf4j-.*|log4j-.*|logback-.*|reload4j-.*|jul-to-slf4j-.*|jcl-over-slf4j-.*)\\.jar");

    /** jar name → its service files (interface → implementations) */
    private static final Map<String, Map<String, List<String>>> LIB = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (ZipFile zip = new ZipFile(archive().toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String[] parts = entry.getName().split("/");
                if (parts.length == 3 && parts[1].equals("lib") && parts[2].endsWith(".jar")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        LIB.put(parts[2], services(in));
                    }
                }
            }
        }
    }

    private static Map<String, List<String>> services(InputStream jar) throws IOException {
        Map<String, List<String>> services = new TreeMap<>();
        ZipInputStream in = new ZipInputStream(jar);
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
                List<String> classes = new ArrayList<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.replaceAll("#.*", "").trim();
                    if (!name.isEmpty()) {
                        classes.add(name);
                    }
                }
                services.put(e.getName().substring("META-INF/services/".length()), classes);
            }
        }
        return services;
    }

    @Test
    void carriesOurPluginsAndTheirLibraries() {
        assertThat(LIB).containsKeys("telemetry-core-" + version() + ".jar", "http-source-" + version() + ".jar",
                "console-" + version() + ".jar");
    }

    @Test
    void carriesNoJarTheWorkerProvides() {
        assertThat(LIB.keySet()).filteredOn(jar -> WORKER_PROVIDED.matcher(jar).matches()).isEmpty();
    }

    @Test
    void registersNoKafkaPluginThatIsNotOurs() {
        List<String> foreign = new ArrayList<>();
        LIB.forEach((jar, services) -> services.forEach((service, classes) -> {
            if (service.startsWith("org.apache.kafka.")) {
                classes.stream().filter(c -> !c.startsWith("org.egov.telemetry."))
                        .forEach(c -> foreign.add(jar + ": " + service + " → " + c));
            }
        }));
        assertThat(foreign).isEmpty();
        assertThat(LIB.get("console-" + version() + ".jar"))
                .containsKey("org.apache.kafka.connect.rest.ConnectRestExtension");
    }

    /** The zip that {@code dist} built in this build. */
    static Path archive() throws IOException {
        Path target = ConnectorFiles.repoRoot().resolve("dist/target");
        try (var files = Files.list(target)) {
            List<Path> zips = files.filter(f -> f.getFileName().toString().matches("telemetry-connect-.*\\.zip"))
                    .toList();
            assertThat(zips).as("the plugin archive in " + target).hasSize(1);
            return zips.get(0);
        }
    }

    static String version() {
        try {
            return archive().getFileName().toString().replaceFirst("^telemetry-connect-", "")
                    .replaceFirst("\\.zip$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
