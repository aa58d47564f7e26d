package org.egov.telemetry.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class PluginFingerprintTest {

    @TempDir
    Path dir;

    @Test
    void aJarRebuiltWithTheSameClassesAtAnotherTimeKeepsTheFingerprint() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("plugin/lib"));
        Files.writeString(dir.resolve("plugin/manifest.json"), "{\"name\":\"telemetry\"}");
        jar(lib.resolve("a.jar"), 1_000_000_000_000L, "class-bytes");
        String first = PluginFingerprint.of(dir);
        byte[] before = Files.readAllBytes(lib.resolve("a.jar"));

        jar(lib.resolve("a.jar"), 1_700_000_000_000L, "class-bytes");
        assertThat(Files.readAllBytes(lib.resolve("a.jar"))).as("the jar's own bytes changed").isNotEqualTo(before);
        assertThat(PluginFingerprint.of(dir)).isEqualTo(first);
    }

    @Test
    void aChangedClassOrFileChangesTheFingerprint() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("plugin/lib"));
        jar(lib.resolve("a.jar"), 1_000_000_000_000L, "class-bytes");
        String first = PluginFingerprint.of(dir);

        jar(lib.resolve("a.jar"), 1_000_000_000_000L, "other-bytes");
        String changedClass = PluginFingerprint.of(dir);
        assertThat(changedClass).isNotEqualTo(first);

        Files.writeString(dir.resolve("plugin/manifest.json"), "{}");
        assertThat(PluginFingerprint.of(dir)).isNotEqualTo(changedClass);
    }

    private static void jar(Path path, long entryTime, String content) throws IOException {
        try (OutputStream file = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(file)) {
            ZipEntry entry = new ZipEntry("org/egov/A.class");
            entry.setLastModifiedTime(FileTime.fromMillis(entryTime));
            zip.putNextEntry(entry);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
