package org.egov.telemetry.s3.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.egov.telemetry.core.ConfigFragment;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How requests reach the store: bucket, endpoint, credentials and request retries. The S3 sink adds its upload
 * settings to these ({@link StoreConfig}); the archive replay source reads the archive with these alone.
 */
public class StoreConnectionConfig extends ConfigFragment {

    public static final String S3_BUCKET_NAME = "s3.bucket.name";
    public static final String S3_REGION = "s3.region";
    public static final String STORE_URL = "store.url";
    public static final String S3_PATH_STYLE_ACCESS_ENABLED = "s3.path.style.access.enabled";
    public static final String AWS_ACCESS_KEY_ID = "aws.access.key.id";
    public static final String AWS_SECRET_ACCESS_KEY = "aws.secret.access.key";
    public static final String S3_PART_RETRIES = "s3.part.retries";
    public static final String S3_RETRY_BACKOFF_MS = "s3.retry.backoff.ms";

    static final String GROUP = "S3";

    public StoreConnectionConfig(AbstractConfig config) {
        super(config);
    }

    /** Adds the keys; their order numbers leave 7 and 10 to the sink's {@link StoreConfig}. */
    public static ConfigDef define(ConfigDef def) {
        return def
                .define(S3_BUCKET_NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.HIGH, "The bucket of the archive's objects.",
                        GROUP, 1, Width.MEDIUM, "Bucket")
                .define(S3_REGION, Type.STRING, "us-east-1", new ConfigDef.NonEmptyStringWithoutControlChars(),
                        Importance.MEDIUM, "The AWS region of the bucket (also used to sign requests to a custom "
                                + STORE_URL + ").",
                        GROUP, 2, Width.SHORT, "Region")
                .define(STORE_URL, Type.STRING, "", Validators.httpUrlOrEmpty(),
                        Importance.MEDIUM, "The endpoint of an S3-compatible store, e.g. http://127.0.0.1:9000. "
                                + "Empty means AWS S3 itself, found from " + S3_REGION + ".",
                        GROUP, 3, Width.LONG, "Store URL")
                .define(S3_PATH_STYLE_ACCESS_ENABLED, Type.BOOLEAN, true, Validators.anyBoolean(),
                        Importance.LOW, "Whether requests address the bucket in the path (http://host/bucket/key) "
                                + "rather than in the host name (http://bucket.host/key). Most S3-compatible stores "
                                + "need path style.",
                        GROUP, 4, Width.SHORT, "Path-style access")
                .define(AWS_ACCESS_KEY_ID, Type.PASSWORD, "", Validators.anyPassword(),
                        Importance.HIGH, "The access key id of static credentials. Set together with "
                                + AWS_SECRET_ACCESS_KEY + "; may be given through a Connect config provider, e.g. "
                                + "${file:/etc/secrets/s3.properties:access.key}. When both are empty the AWS SDK "
                                + "default credentials chain is used (environment, system properties, profile, web "
                                + "identity, container or instance role).",
                        GROUP, 5, Width.MEDIUM, "Access key id")
                .define(AWS_SECRET_ACCESS_KEY, Type.PASSWORD, "", Validators.anyPassword(),
                        Importance.HIGH, "The secret access key of static credentials. Set together with "
                                + AWS_ACCESS_KEY_ID + "; may be given through a Connect config provider. When both "
                                + "are empty the AWS SDK default credentials chain is used.",
                        GROUP, 6, Width.MEDIUM, "Secret access key")
                .define(S3_PART_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0),
                        Importance.LOW, "How many times a failed request to the store (a PutObject, one part of "
                                + "a multipart upload, a GetObject or a listing) is retried within one attempt of "
                                + "the task, with exponential backoff starting at " + S3_RETRY_BACKOFF_MS + ". 0 means "
                                + "no retries. Only failures worth retrying are retried (network errors, HTTP 5xx, "
                                + "throttling).",
                        GROUP, 8, Width.SHORT, "Request retries")
                .define(S3_RETRY_BACKOFF_MS, Type.LONG, 200L, ConfigDef.Range.atLeast(1),
                        Importance.LOW, "The wait before the first retry of a failed request; each further retry "
                                + "waits up to twice as long as the one before, at most 20 s.",
                        GROUP, 9, Width.SHORT, "Request retry backoff");
    }

    /** Static credentials come as a pair. */
    @Override
    public void checkAcrossKeys(Map<String, String> problems) {
        boolean hasKeyId = !config.getPassword(AWS_ACCESS_KEY_ID).value().isEmpty();
        boolean hasSecret = !config.getPassword(AWS_SECRET_ACCESS_KEY).value().isEmpty();
        if (hasKeyId && !hasSecret) {
            problems.put(AWS_SECRET_ACCESS_KEY, "must be set when " + AWS_ACCESS_KEY_ID
                    + " is set (or leave both empty to use the default credentials chain)");
        } else if (hasSecret && !hasKeyId) {
            problems.put(AWS_ACCESS_KEY_ID, "must be set when " + AWS_SECRET_ACCESS_KEY
                    + " is set (or leave both empty to use the default credentials chain)");
        }
    }

    public String bucketName() {
        return config.getString(S3_BUCKET_NAME).trim();
    }

    public String region() {
        return config.getString(S3_REGION).trim();
    }

    /** The custom endpoint, or empty for AWS S3. */
    public Optional<URI> storeUrl() {
        String url = config.getString(STORE_URL).trim();
        return url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url));
    }

    public boolean pathStyleAccessEnabled() {
        return config.getBoolean(S3_PATH_STYLE_ACCESS_ENABLED);
    }

    /** The static credentials, or empty to use the SDK default credentials chain. */
    public Optional<StaticCredentials> staticCredentials() {
        String keyId = config.getPassword(AWS_ACCESS_KEY_ID).value();
        String secret = config.getPassword(AWS_SECRET_ACCESS_KEY).value();
        return keyId.isEmpty() ? Optional.empty() : Optional.of(new StaticCredentials(keyId, secret));
    }

    public int partRetries() {
        return config.getInt(S3_PART_RETRIES);
    }

    public long requestRetryBackoffMs() {
        return config.getLong(S3_RETRY_BACKOFF_MS);
    }

    /** Access key id and secret; {@link #toString()} hides the secret. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=[hidden]]";
        }
    }
}
