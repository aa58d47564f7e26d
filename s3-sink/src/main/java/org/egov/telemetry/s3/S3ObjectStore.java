package org.egov.telemetry.s3;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@link ObjectStore} on an S3 bucket through the AWS SDK's synchronous client. */
final class S3ObjectStore implements ObjectStore {

    private final S3Client client;
    private final String bucket;
    private final int partSize;

    S3ObjectStore(S3Client client, String bucket, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    static S3ObjectStore create(S3SinkConnectorConfig config) {
        return new S3ObjectStore(client(config), config.bucketName(), config.partSize());
    }

    static S3Client client(S3SinkConnectorConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                // explicit, so that no HTTP client lookup through the plugin class loader is needed
                .httpClientBuilder(Apache5HttpClient.builder())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyleAccessEnabled())
                .credentialsProvider(credentials(config));
        config.storeUrl().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3SinkConnectorConfig config) {
        return config.staticCredentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        try {
            if (content.length <= partSize) {
                client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
            } else {
                putMultipart(key, content, contentType);
            }
        } catch (SdkException e) {
            throw translate(key, e);
        }
    }

    private void putMultipart(String key, byte[] content, String contentType) {
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int from = 0, number = 1; from < content.length; from += partSize, number++) {
                byte[] part = Arrays.copyOfRange(content, from, Math.min(content.length, from + partSize));
                int partNumber = number;
                UploadPartResponse response = client.uploadPart(
                        b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber), RequestBody.fromBytes(part));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).build());
            }
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    /** Server errors, throttling, timeouts and client-side (network) failures are worth retrying; other 4xx are not. */
    private ConnectException translate(String key, SdkException e) {
        if (e instanceof SdkServiceException service) {
            int status = service.statusCode();
            if (status >= 500 || status == 408 || status == 429 || service.isThrottlingException()) {
                return new RetriableException("Upload of " + location(key) + " failed with HTTP " + status + ", will retry", e);
            }
            return new ConnectException("Upload of " + location(key) + " failed with HTTP " + status
                    + " and will not be retried: " + e.getMessage(), e);
        }
        return new RetriableException("Upload of " + location(key) + " failed, will retry: " + e.getMessage(), e);
    }

    @Override
    public String location(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public void close() {
        client.close();
    }
}
