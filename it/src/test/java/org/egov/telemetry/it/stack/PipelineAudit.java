package org.egov.telemetry.it.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What reached the index and the archive of a local stack: which event ids the index holds (by {@code _mget}),
 * and, from the archive objects s3proxy keeps as files, how often each event id was archived and which objects
 * overlap in the batch topic's offsets.
 */
final class PipelineAudit {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Object keys as the S3 sink names them: {@code <topic>+<partition>+<start offset>.json[.gz]}. */
    private static final Pattern OBJECT = Pattern.compile("(.+)\\+(\\d+)\\+(\\d+)\\.json(\\.gz)?");

    /** One archive object: where it starts in its partition, how many lines it holds, when it was written. */
    record ArchiveObject(Path file, String topicPartition, long startOffset, int lines, long writtenAtMillis) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI search;
    private final String index;
    private final Path bucket;

    PipelineAudit(URI search, String index, Path bucket) {
        this.search = search;
        this.index = index;
        this.bucket = bucket;
    }

    /** The ids among {@code ids} that the index holds. */
    Set<String> indexed(Collection<String> ids) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(search.resolve("/" + index + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            String body = JSON.writeValueAsString(Map.of("ids", all.subList(from, Math.min(all.size(), from + 1000))));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(search.resolve("/" + index
                            + "/_mget?_source=false&filter_path=docs._id,docs.found"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException("_mget answered " + answer.statusCode() + ": " + answer.body());
            }
            for (JsonNode doc : JSON.readTree(answer.body()).path("docs")) {
                if (doc.path("found").asBoolean()) {
                    found.add(doc.path("_id").asText());
                }
            }
        }
        return found;
    }

    /** Every archive object of the bucket, sorted by partition and start offset. */
    List<ArchiveObject> objects() throws IOException {
        List<ArchiveObject> objects = new ArrayList<>();
        if (!Files.isDirectory(bucket)) {
            return objects;
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher name = OBJECT.matcher(file.getFileName().toString());
                if (name.matches()) {
                    objects.add(new ArchiveObject(file, name.group(1) + "-" + name.group(2),
                            Long.parseLong(name.group(3)), lines(file).size(),
                            Files.getLastModifiedTime(file).toMillis()));
                }
            }
        }
        objects.sort((a, b) -> a.topicPartition().equals(b.topicPartition())
                ? Long.compare(a.startOffset(), b.startOffset()) : a.topicPartition().compareTo(b.topicPartition()));
        return objects;
    }

    /** How many times each event id appears in the archive's batches. */
    Map<String, Integer> archivedEventCounts(List<ArchiveObject> objects) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (ArchiveObject object : objects) {
            for (String line : lines(object.file())) {
                for (JsonNode event : JSON.readTree(line).path("events")) {
                    counts.merge(event.path("mid").asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /**
     * Objects whose offsets overlap the next object's of the same partition: each line takes at least one offset,
     * so an object starting at {@code s} with {@code n} lines covers at least {@code [s, s + n)}.
     */
    static List<ArchiveObject> overlapping(List<ArchiveObject> sorted) {
        List<ArchiveObject> overlapping = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            ArchiveObject here = sorted.get(i);
            ArchiveObject next = sorted.get(i + 1);
            if (here.topicPartition().equals(next.topicPartition())
                    && here.startOffset() + here.lines() > next.startOffset()) {
                overlapping.add(next);
            }
        }
        return overlapping;
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** Counts by key, sorted, for printing. */
    static <K extends Comparable<K>> Map<K, Integer> sorted(Map<K, Integer> counts) {
        return new TreeMap<>(counts);
    }
}
