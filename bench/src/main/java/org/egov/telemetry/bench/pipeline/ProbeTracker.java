package org.egov.telemetry.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Follows probe batches to the index and to the archive. A probe is searchable when a search by its first
 * event's id finds it (checked every 250 ms), and archived when it is a line of an object of the archive (new
 * objects are listed every 2 s and read, so that latency is known to within about 2 s). Also counts every line
 * of the objects it reads: the batches archived.
 */
final class ProbeTracker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROBE = Pattern.compile("\"msgid\":\"(probe-[^\"]+)\"");

    /** One probe: when it was sent, and when it was first seen searchable and archived (0 until then). */
    static final class Probe {
        final long sentAt;
        volatile long searchableAt;
        volatile long archivedAt;

        Probe(long sentAt) {
            this.sentAt = sentAt;
        }
    }

    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI search;
    private final S3Client s3;
    private final String bucket;
    private final Set<String> objectsRead = new HashSet<>();
    private final AtomicLong linesArchived = new AtomicLong();
    private final Thread searcher;
    private final Thread archiveReader;
    private volatile boolean running = true;

    ProbeTracker(URI search, URI store, String bucket, String accessKey, String secretKey) {
        this.search = search;
        this.bucket = bucket;
        this.s3 = S3Client.builder().endpointOverride(store).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
        readNewObjects(false);          // what is archived already is not this run's
        searcher = loop("bench-probe-search", 250, this::findSearchable);
        archiveReader = loop("bench-probe-archive", 2000, () -> readNewObjects(true));
    }

    /** A probe batch was answered 200; {@code mid} is its first event's id, {@code times} [sent, answered]. */
    void sent(String mid, long[] times) {
        probes.put(mid, new Probe(times[0]));
    }

    long linesArchived() {
        return linesArchived.get();
    }

    /** The probes sent since {@code fromMillis}, as they stand. */
    List<Probe> probesSince(long fromMillis, long toMillis) {
        List<Probe> found = new ArrayList<>();
        for (Probe probe : probes.values()) {
            if (probe.sentAt >= fromMillis && probe.sentAt < toMillis) {
                found.add(probe);
            }
        }
        return found;
    }

    private Thread loop(String name, long everyMillis, Runnable body) {
        Thread thread = new Thread(() -> {
            while (running) {
                try {
                    body.run();
                } catch (RuntimeException e) {
                    System.err.println(name + ": " + e);
                }
                try {
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void findSearchable() {
        List<String> waiting = new ArrayList<>();
        probes.forEach((mid, probe) -> {
            if (probe.searchableAt == 0) {
                waiting.add(mid);
            }
        });
        if (waiting.isEmpty()) {
            return;
        }
        try {
            String body = JSON.writeValueAsString(Map.of("size", waiting.size(), "_source", false,
                    "query", Map.of("ids", Map.of("values", waiting))));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(search.resolve("/" + StackGauges.INDEX
                            + "/_search")).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            long now = System.currentTimeMillis();
            if (answer.statusCode() != 200) {
                return;
            }
            for (JsonNode hit : JSON.readTree(answer.body()).path("hits").path("hits")) {
                Probe probe = probes.get(hit.path("_id").asText());
                if (probe != null && probe.searchableAt == 0) {
                    probe.searchableAt = now;
                }
            }
        } catch (IOException e) {
            System.err.println("probe search: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readNewObjects(boolean count) {
        List<String> fresh = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                .prefix("topics/" + StackGauges.BATCH_TOPIC + "/").build()).contents()) {
            if (objectsRead.add(object.key())) {
                fresh.add(object.key());
            }
        }
        if (!count) {
            return;
        }
        long now = System.currentTimeMillis();
        for (String key : fresh) {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(key.endsWith(".gz")
                    ? new GZIPInputStream(new ByteArrayInputStream(bytes.asByteArray()))
                    : new ByteArrayInputStream(bytes.asByteArray()), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    linesArchived.incrementAndGet();
                    int at = line.indexOf("\"msgid\":\"probe-");
                    if (at >= 0) {
                        Matcher m = PROBE.matcher(line);
                        if (m.find(at)) {
                            Probe probe = probes.get("START:" + m.group(1) + "-0");
                            if (probe != null && probe.archivedAt == 0) {
                                probe.archivedAt = now;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                System.err.println("archive object " + key + ": " + e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        searcher.interrupt();
        archiveReader.interrupt();
        searcher.join(5000);
        archiveReader.join(5000);
        s3.close();
    }
}
