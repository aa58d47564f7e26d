package org.egov.telemetry.it.support;

import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/** An in-JVM s3proxy (the real S3 API over an in-memory store) with the local stack's credentials. */
public final class ObjectStore implements AutoCloseable {

    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";

    private final S3ProxyJunitCore proxy;
    private final S3Client client;

    private ObjectStore(S3ProxyJunitCore proxy) {
        this.proxy = proxy;
        this.client = S3Client.builder()
                .endpointOverride(proxy.getUri())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static ObjectStore start() {
        S3ProxyJunitCore proxy = new S3ProxyJunitCore.Builder()
                .withCredentials(ACCESS_KEY, SECRET_KEY)
                .withBlobStoreProvider("transient")
                .build();
        try {
            proxy.beforeEach();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return new ObjectStore(proxy);
    }

    public URI uri() {
        return proxy.getUri();
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().collect(Collectors.toList());
    }

    public void put(String bucket, String key, byte[] content) {
        client.putObject(b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
    }

    /** The lines of an object, gunzipped when its key ends in .gz. */
    public List<String> lines(String bucket, String key) {
        ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(key.endsWith(".gz")
                ? new GZIPInputStream(new ByteArrayInputStream(bytes.asByteArray()))
                : new ByteArrayInputStream(bytes.asByteArray()), StandardCharsets.UTF_8))) {
            return reader.lines().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        proxy.afterEach();
    }
}
