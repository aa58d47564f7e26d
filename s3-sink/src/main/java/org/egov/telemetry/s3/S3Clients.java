package org.egov.telemetry.s3;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.egov.telemetry.s3.config.StoreConnectionConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.time.Duration;

/** The synchronous S3 client both the sink and the archive replay source use, built from the store's settings. */
public final class S3Clients {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    private S3Clients() {
    }

    public static S3Client create(StoreConnectionConfig config) {
        Duration backoff = Duration.ofMillis(config.requestRetryBackoffMs());
        S3ClientBuilder builder = S3Client.builder()
                // explicit, so that no HTTP client lookup through the plugin class loader is needed
                .httpClientBuilder(Apache5HttpClient.builder())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyleAccessEnabled())
                .credentialsProvider(credentials(config))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.partRetries() + 1)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(backoff,
                                MAX_BACKOFF.compareTo(backoff) > 0 ? MAX_BACKOFF : backoff))
                        // an outage must not trip a client-wide breaker: Connect's redelivery is the outer loop
                        .circuitBreakerEnabled(false)
                        .build()));
        config.storeUrl().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Server errors, throttling, timeouts and client-side (network) failures are worth retrying; other 4xx are not. */
    public static ConnectException translate(String what, SdkException e) {
        if (e instanceof SdkServiceException service) {
            int status = service.statusCode();
            if (status >= 500 || status == 408 || status == 429 || service.isThrottlingException()) {
                return new RetriableException(what + " failed with HTTP " + status + ", will retry", e);
            }
            return new ConnectException(what + " failed with HTTP " + status + " and will not be retried: "
                    + e.getMessage(), e);
        }
        return new RetriableException(what + " failed, will retry: " + e.getMessage(), e);
    }

    private static AwsCredentialsProvider credentials(StoreConnectionConfig config) {
        return config.staticCredentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
}
