package org.egov.telemetry.it.hostile;

import org.egov.telemetry.it.support.ConnectorFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The hostile-input corpus of {@code it/src/test/resources/hostile/}: {@code cases.tsv} names each case, how
 * its bytes are sent, the status the edge must answer and where the batch must land; {@code cases/} holds the
 * raw request bytes of each case. See the README.md beside them. Read from the source tree rather than the
 * class path, so that a case renamed or removed cannot linger as a stale copy under {@code target/}.
 */
final class HostileCorpus {

    static final Path ROOT = ConnectorFiles.repoRoot().resolve("it/src/test/resources/hostile");
    static final Path MANIFEST = ROOT.resolve("cases.tsv");
    static final Path CASES = ROOT.resolve("cases");

    /** How the bytes of a case go on the wire. */
    enum Send {
        /** All bytes at once; the connection stays open until the answer. */
        WHOLE("whole"),
        /** All bytes at once, then the client half-closes (no more bytes will come). */
        HALF_CLOSE("half-close"),
        /** Request line and headers at once, then the body one byte per {@link RawExchange#TRICKLE_INTERVAL_MS}. */
        TRICKLE("trickle"),
        /** Every byte, from the request line on, one per {@link RawExchange#TRICKLE_INTERVAL_MS}. */
        TRICKLE_HEAD("trickle-head");

        private final String label;

        Send(String label) {
            this.label = label;
        }

        static Send of(String label) {
            for (Send send : values()) {
                if (send.label.equals(label)) {
                    return send;
                }
            }
            throw new IllegalArgumentException("unknown send mode '" + label + "'");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where an accepted batch must end up, found by the device id the case sends ({@code hostile-NNN}). */
    enum Lands {
        /** Nothing of this case may reach any topic. */
        NOWHERE("-"),
        /** Exactly one record on the batch topic. */
        BATCH("batch"),
        /** Exactly one record on the failed topic, with the reason in its headers. */
        FAILED("failed");

        private final String label;

        Lands(String label) {
            this.label = label;
        }

        static Lands of(String label) {
            for (Lands lands : values()) {
                if (lands.label.equals(label)) {
                    return lands;
                }
            }
            throw new IllegalArgumentException("unknown destination '" + label + "'");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One case: its file, how it is sent, what the edge must answer, where it lands, and its raw bytes. */
    record Case(String file, Send send, int expect, Lands lands, String what, byte[] request) {

        /** The {@code x-device-id} the case's request carries, which the edge copies into the batch as did. */
        String deviceId() {
            return "hostile-" + file.substring(0, 3);
        }

        boolean isHead() {
            return request.length >= 5 && new String(request, 0, 5, StandardCharsets.US_ASCII).equals("HEAD ");
        }
    }

    private HostileCorpus() {
    }

    static List<Case> load() {
        List<Case> cases = new ArrayList<>();
        int lineNumber = 0;
        for (String line : new String(bytes(MANIFEST), StandardCharsets.UTF_8).split("\n", -1)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 5) {
                throw new IllegalStateException(MANIFEST + ":" + lineNumber + " has " + cols.length
                        + " tab-separated columns, 5 expected: " + line);
            }
            String file = cols[0];
            if (!file.matches("\\d{3}-[a-z0-9-]+\\.http")) {
                throw new IllegalStateException(MANIFEST + ":" + lineNumber + " file name is not NNN-slug.http: "
                        + file);
            }
            // "closed": the edge must cut the connection without an answer (status 0)
            int expect = "closed".equals(cols[2]) ? 0 : Integer.parseInt(cols[2]);
            cases.add(new Case(file, Send.of(cols[1]), expect, Lands.of(cols[3]), cols[4],
                    bytes(CASES.resolve(file))));
        }
        return cases;
    }

    /** Files in {@code cases/} that the manifest does not list, or listed files that are missing. */
    static Set<String> unlisted(List<Case> cases) {
        Set<String> listed = cases.stream().map(Case::file).collect(Collectors.toCollection(TreeSet::new));
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(CASES)) {
            onDisk = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> difference = new TreeSet<>(onDisk);
        difference.removeAll(listed);
        Set<String> missing = new TreeSet<>(listed);
        missing.removeAll(onDisk);
        missing.forEach(name -> difference.add("missing: " + name));
        return difference;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
