package org.egov.telemetry.it.s3;

import org.egov.telemetry.it.support.FreePorts;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An in-JVM s3proxy of its own, which a test may stop and start again on the same port with the same
 * (in-memory) contents, as a store outage looks to a client.
 */
final class RestartableS3Proxy implements AutoCloseable {

    static final String ACCESS_KEY = "it-access-key";
    static final String SECRET_KEY = "it-secret-key";

    private final BlobStore blobStore;
    private final int port = FreePorts.next();
    private final S3Client client;
    private S3Proxy proxy;

    private RestartableS3Proxy() {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        blobStore = BlobStores.create("transient", properties);
        client = S3Client.builder()
                .endpointOverride(uri())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    static RestartableS3Proxy startWithBucket(String bucket) {
        RestartableS3Proxy store = new RestartableS3Proxy();
        store.start();
        store.client.createBucket(b -> b.bucket(bucket));
        return store;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    synchronized void start() {
        proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(uri())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start on port " + port, e);
        }
    }

    /** Stops answering: connections to the port are refused until {@link #start()}. */
    synchronized void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }

    List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().collect(Collectors.toList());
    }

    String etag(String bucket, String key) {
        return client.headObject(b -> b.bucket(bucket).key(key)).eTag();
    }

    /** The lines of an object, gunzipped when its key ends in .gz. */
    List<String> lines(String bucket, String key) {
        byte[] bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(key.endsWith(".gz")
                ? new GZIPInputStream(new ByteArrayInputStream(bytes)) : new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8))) {
            return reader.lines().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        stop();
    }
}
