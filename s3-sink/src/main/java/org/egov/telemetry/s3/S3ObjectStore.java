package org.egov.telemetry.s3;

import org.egov.telemetry.s3.config.StoreConfig;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    static S3ObjectStore create(StoreConfig config) {
        return new S3ObjectStore(S3Clients.create(config), config.bucketName(), config.partSize());
    }

    @Override
    public void put(String key, ChunkedBuffer content, String contentType, Map<String, String> metadata) {
        try {
            if (content.size() <= partSize) {
                client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).metadata(metadata),
                        body(content, 0, content.size(), contentType));
            } else {
                putMultipart(key, content, contentType, metadata);
            }
        } catch (SdkException e) {
            throw S3Clients.translate("Upload of " + location(key), e);
        }
    }

    private static RequestBody body(ChunkedBuffer content, long from, long length, String contentType) {
        return RequestBody.fromContentProvider(() -> content.read(from, length), length, contentType);
    }

    private void putMultipart(String key, ChunkedBuffer content, String contentType, Map<String, String> metadata) {
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                .metadata(metadata)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long from = 0; from < content.size(); from += partSize, number++) {
                long length = Math.min(partSize, content.size() - from);
                int partNumber = number;
                UploadPartResponse response = client.uploadPart(
                        b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                        body(content, from, length, contentType));
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

    @Override
    public Optional<Map<String, String>> metadata(String key) {
        try {
            return Optional.of(client.headObject(b -> b.bucket(bucket).key(key)).metadata());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw S3Clients.translate("Reading the metadata of " + location(key), e);
        } catch (SdkException e) {
            throw S3Clients.translate("Reading the metadata of " + location(key), e);
        }
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
