package org.egov.telemetry.bench.s3;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.s3.S3SinkTask;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The S3 sink's throughput against raw uploads of the same object sizes with the same SDK, on one in-JVM s3proxy
 * (filesystem-backed, in {@code /dev/shm} where there is one; each round's buckets are removed after it). The
 * sink task is driven directly (no Kafka): ~5 KB NDJSON batch records in polls of 500, as Connect would deliver
 * them from the batch topic; MB/s counts the NDJSON bytes handed to the sink. The sink writes the values through
 * unread, as {@code connectors/telemetry-s3-sink.json} configures it ({@code value.json.check=false}), and, for
 * comparison, with the connector's default check that each is one JSON value.
 * The raw side uploads the objects the sink wrote (same count, same sizes) with PutObject or, above the part
 * size, a multipart upload. The sink's time ends when {@code preCommit} returns the offset after the last
 * record, i.e. when every object is uploaded. Prints the median of the measured rounds and the ratio sink / raw.
 *
 * <p>{@code mvn -q -pl bench exec:java -Dexec.mainClass=org.egov.telemetry.bench.s3.S3SinkThroughput
 * [-Dexec.args="records flushSize rounds"]}
 */
public final class S3SinkThroughput {

    private static final String KEY = "bench-access";
    private static final String SECRET = "bench-secret";
    private static final String TOPIC = "telemetry-deduped-messages";
    private static final int POLL = 500;
    private static final int SMALL_PART = 5 * 1024 * 1024;

    private final URI endpoint;
    private final Path storage;
    private final S3Client client;
    private int bucketCount;

    private S3SinkThroughput(URI endpoint, Path storage) {
        this.endpoint = endpoint;
        this.storage = storage;
        this.client = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .build();
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int flushSize = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = storageDirectory();
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        properties.setProperty("jclouds.identity", KEY);
        properties.setProperty("jclouds.credential", SECRET);
        BlobStore blobs = BlobStores.create("filesystem", properties);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs).endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        try {
            new S3SinkThroughput(endpoint, dir).run(records, flushSize, rounds);
        } finally {
            proxy.stop();
            deleteRecursively(dir);
        }
    }

    /**
     * In memory where the machine has a tmpfs, so that the kernel's write-back of gigabytes of objects does not
     * stall whichever side happens to be uploading at the time.
     */
    private static Path storageDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "s3-bench")
                : Files.createTempDirectory("s3-bench");
    }

    private static void deleteRecursively(Path path) {
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + path + ": " + e);
        }
    }

    /** Frees a measured bucket's storage (the filesystem store keeps a bucket as a folder). */
    private void dropBucket(String bucket) {
        deleteRecursively(storage.resolve(bucket));
    }

    private void run(int count, int flushSize, int rounds) {
        List<SinkRecord> records = records(count);
        long inputBytes = records.stream().mapToLong(r -> ((byte[]) r.value()).length + 1).sum();
        System.out.printf("s3proxy 4.1.0 (filesystem) at %s; %d records of ~%d bytes NDJSON (%.1f MB), flush.size=%d, "
                + "polls of %d, %d measured rounds after one warm-up%n", endpoint, count, inputBytes / count,
                inputBytes / 1e6, flushSize, POLL, rounds);
        for (String mode : new String[] {"PutObject", "multipart"}) {
            int partSize = mode.equals("multipart") ? SMALL_PART : 25 * 1024 * 1024;
            List<Double> sink = new ArrayList<>();
            List<Double> checked = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            List<byte[]> objects = null;
            for (int round = 0; round <= rounds; round++) {
                String bucket = newBucket();
                double sinkMbps = sink(records, inputBytes, bucket, flushSize, partSize, "none", false);
                if (objects == null) {
                    objects = objectsOf(bucket);
                }
                dropBucket(bucket);
                String checkedBucket = newBucket();
                double checkedMbps = sink(records, inputBytes, checkedBucket, flushSize, partSize, "none", true);
                dropBucket(checkedBucket);
                String rawBucket = newBucket();
                double rawMbps = raw(objects, rawBucket, partSize);
                dropBucket(rawBucket);
                if (round > 0) {
                    sink.add(sinkMbps);
                    checked.add(checkedMbps);
                    raw.add(rawMbps);
                }
            }
            long objectBytes = objects.stream().mapToLong(o -> o.length).sum();
            double s = median(sink);
            double c = median(checked);
            double r = median(raw);
            System.out.printf("%-9s part size %2d MiB: %d objects of ~%.1f MB | sink %.1f MB/s | raw %.1f MB/s | "
                            + "ratio %.2f | with value.json.check=true: sink %.1f MB/s, ratio %.2f%n", mode,
                    partSize >> 20, objects.size(), objectBytes / 1e6 / objects.size(), s, r, s / r, c, c / r);
        }
        double gzip = median(List.of(sink(records, inputBytes, newBucket(), flushSize, 25 << 20, "gzip", false),
                sink(records, inputBytes, newBucket(), flushSize, 25 << 20, "gzip", false)));
        System.out.printf("for information: sink with s3.compression.type=gzip %.1f MB/s of NDJSON input%n", gzip);
    }

    private double sink(List<SinkRecord> records, long inputBytes, String bucket, int flushSize, int partSize,
                        String compression, boolean checkJson) {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", "org.egov.telemetry.s3.S3SinkConnector");
        props.put("topics", TOPIC);
        props.put("s3.bucket.name", bucket);
        props.put("store.url", endpoint.toString());
        props.put("aws.access.key.id", KEY);
        props.put("aws.secret.access.key", SECRET);
        props.put("flush.size", Integer.toString(flushSize));
        props.put("s3.part.size", Integer.toString(partSize));
        props.put("s3.compression.type", compression);
        props.put("value.json.check", Boolean.toString(checkJson));
        S3SinkTask task = new S3SinkTask();
        task.initialize(new BenchContext(props));
        task.start(props);
        long start = System.nanoTime();
        for (int from = 0; from < records.size(); from += POLL) {
            task.put(records.subList(from, Math.min(records.size(), from + POLL)));
        }
        // The clock stops when Connect could commit every offset, i.e. when the last object is uploaded.
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        OffsetAndMetadata end = new OffsetAndMetadata(records.size());
        long deadline = start + 600_000_000_000L;
        while (!end.equals(task.preCommit(Map.of(partition, end)).get(partition))) {
            if (System.nanoTime() > deadline) {
                task.stop();
                throw new IllegalStateException("the sink did not upload every record within 10 minutes");
            }
            sleepBriefly(); // not a busy loop: the uploads and s3proxy need the cores
        }
        long elapsed = System.nanoTime() - start;
        task.stop();
        return inputBytes / 1e6 / (elapsed / 1e9);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double raw(List<byte[]> objects, String bucket, int partSize) {
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < objects.size(); i++) {
            byte[] content = objects.get(i);
            String key = "raw/object-" + i + ".json";
            if (content.length <= partSize) {
                client.putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson"),
                        RequestBody.fromBytes(content));
            } else {
                String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
                List<CompletedPart> parts = new ArrayList<>();
                for (int from = 0, n = 1; from < content.length; from += partSize, n++) {
                    int number = n;
                    byte[] part = Arrays.copyOfRange(content, from, Math.min(content.length, from + partSize));
                    String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                            RequestBody.fromBytes(part)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
                client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
            bytes += content.length;
        }
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private List<byte[]> objectsOf(String bucket) {
        List<byte[]> objects = new ArrayList<>();
        for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            objects.add(client.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray());
        }
        return objects;
    }

    private String newBucket() {
        String bucket = "bench-" + (bucketCount++);
        client.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /**
     * Batches as the HTTP source writes them: the server's fields first, then a DIGIT envelope with ~5 KB of
     * events, as JSON bytes (ByteArrayConverter).
     */
    private static List<SinkRecord> records(int count) {
        Random random = new Random(1);
        List<SinkRecord> records = new ArrayList<>(count);
        for (int offset = 0; offset < count; offset++) {
            ByteArrayOutputStream json = new ByteArrayOutputStream(6_000);
            json.writeBytes(("{\"syncts\":" + (1_709_287_200_000L + offset) + ",\"mid\":\"batch-" + offset
                    + "\",\"did\":\"device-" + random.nextInt(1000) + "\",\"channel\":\"pb.amritsar\","
                    + "\"pid\":\"egov.digit.ui\",\"id\":\"ekstep.telemetry\",\"ver\":\"3.0\",\"events\":[")
                    .getBytes(StandardCharsets.UTF_8));
            for (int e = 0; e < 10; e++) {
                json.writeBytes(((e == 0 ? "" : ",") + "{\"eid\":\"IMPRESSION\",\"ets\":" + (1_709_287_200_000L + e)
                        + ",\"ver\":\"3.0\",\"mid\":\"IMPRESSION:" + offset + "-" + e + "-" + Long.toHexString(random.nextLong())
                        + "\",\"actor\":{\"id\":\"user-" + random.nextInt(100_000) + "\",\"type\":\"User\"},"
                        + "\"context\":{\"channel\":\"pb.amritsar\",\"env\":\"pgr\",\"sid\":\"" + Long.toHexString(random.nextLong())
                        + "\",\"did\":\"device-" + random.nextInt(1000) + "\",\"pdata\":{\"id\":\"egov.digit.ui\","
                        + "\"ver\":\"1.0\",\"pid\":\"citizen\"},\"cdata\":[]},\"object\":{\"id\":\"complaint-"
                        + random.nextInt(1_000_000) + "\",\"type\":\"Complaint\"},\"edata\":{\"type\":\"view\","
                        + "\"pageid\":\"complaints-list\",\"uri\":\"https://example.org/citizen/complaints?page="
                        + random.nextInt(50) + "\",\"visits\":[{\"objid\":\"c" + random.nextInt(9999)
                        + "\",\"objtype\":\"card\",\"index\":" + e + "}]}}").getBytes(StandardCharsets.UTF_8));
            }
            json.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
            records.add(new SinkRecord(TOPIC, 0, null, null, null, json.toByteArray(), offset,
                    1_709_287_200_000L, TimestampType.CREATE_TIME));
        }
        return records;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
