package org.egov.telemetry.s3;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.egov.telemetry.core.ConfigDocs;
import org.egov.telemetry.s3.config.PartitionerType;
import org.egov.telemetry.s3.config.S3SinkConnectorConfig;
import org.egov.telemetry.s3.config.StoreConfig;
import org.egov.telemetry.s3.config.TimestampSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3SinkConnectorConfigTest {

    @Test
    void everyKeyHasDocumentationAndAValidatorThatNamesTheAllowedValues() {
        assertThat(ConfigDocs.undocumentedKeys(S3SinkConnectorConfig.CONFIG_DEF)).isEmpty();
        assertThat(S3SinkConnectorConfig.CONFIG_DEF.configKeys().values()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.validator).as(key.name).isNotNull();
            assertThat(key.validator.toString()).as(key.name).isNotBlank().doesNotContain("$$Lambda");
        });
    }

    @Test
    void configReferenceInDocsMatchesTheConfigDef() {
        String page = ConfigDocs.toMarkdown("S3SinkConnector configuration",
                "Class: `" + S3SinkConnector.class.getName() + "`. Operating guide: [../s3-sink.md](../s3-sink.md).",
                S3SinkConnectorConfig.CONFIG_DEF);
        assertThat(ConfigDocs.compareOrWrite(Path.of("../docs/config/s3-sink.md"), page)).isNull();
    }

    @Test
    void confluentsKeysAndTheNewOnesAreAllDeclared() {
        assertThat(S3SinkConnectorConfig.CONFIG_DEF.names()).contains(
                "s3.bucket.name", "s3.region", "store.url", "s3.path.style.access.enabled", "aws.access.key.id",
                "aws.secret.access.key", "topics.dir", "flush.size", "rotate.interval.ms",
                "rotate.schedule.interval.ms", "timestamp.extractor", "timestamp.field", "partitioner.class",
                "path.format", "locale", "timezone", "s3.compression.type", "s3.compression.level", "s3.part.size",
                "s3.part.retries", "s3.retry.backoff.ms", "retry.backoff.ms", "behavior.on.null.values",
                "flush.size.bytes", "rotate.idle.ms", "s3.buffer.max.bytes");
    }

    @Test
    void defaultsFollowConfluentsS3SinkAndTheArchiveLayout() {
        S3SinkConnectorConfig config = new S3SinkConnectorConfig(Records.config());

        assertThat(config.store().bucketName()).isEqualTo("egov-telemetry-data");
        assertThat(config.store().region()).isEqualTo("us-east-1");
        assertThat(config.store().storeUrl()).isEmpty();
        assertThat(config.store().pathStyleAccessEnabled()).isTrue();
        assertThat(config.store().staticCredentials()).isEmpty();
        assertThat(config.store().partSize()).isEqualTo(25 * 1024 * 1024);
        assertThat(config.store().partRetries()).isEqualTo(3);
        assertThat(config.store().requestRetryBackoffMs()).isEqualTo(200);
        assertThat(config.format().topicsDir()).isEqualTo("topics");
        assertThat(config.format().compressionType()).isEqualTo(CompressionType.GZIP);
        assertThat(config.format().compressionLevel()).isEqualTo(-1);
        assertThat(config.format().offsetZeroPadWidth()).isEqualTo(10);
        assertThat(config.format().nullValueBehavior()).isEqualTo(NullValueBehavior.IGNORE);
        assertThat(config.partitioner().partitionerType()).isEqualTo(PartitionerType.TIME_BASED);
        assertThat(config.partitioner().timestampSource()).isEqualTo(TimestampSource.RECORDFIELD);
        assertThat(config.partitioner().timestampField()).isEqualTo(Optional.of("syncts"));
        assertThat(config.partitioner().timezone().getId()).isEqualTo("UTC");
        assertThat(config.rotation().flushSize()).isEqualTo(1000);
        assertThat(config.rotation().flushSizeBytes()).isEqualTo(-1);
        assertThat(config.rotation().rotateIntervalMs()).isEqualTo(-1);
        assertThat(config.rotation().rotateIdleMs()).isEqualTo(-1);
        assertThat(config.rotation().rotateScheduleIntervalMs()).isEqualTo(-1);
        assertThat(config.rotation().bufferMaxBytes()).isEqualTo(128L * 1024 * 1024);
    }

    @Test
    void bucketIsRequired() {
        var props = Records.config();
        props.remove(StoreConfig.S3_BUCKET_NAME);

        assertThatThrownBy(() -> new S3SinkConnectorConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(StoreConfig.S3_BUCKET_NAME);
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        assertRejected("flush.size", "0");
        assertRejected("flush.size.bytes", "0");
        assertRejected("rotate.interval.ms", "0");
        assertRejected("rotate.idle.ms", "-2");
        assertRejected("rotate.schedule.interval.ms", "-5");
        assertRejected("s3.buffer.max.bytes", "1000");
        assertRejected("timezone", "Mars/Olympus");
        assertRejected("locale", "not a locale!");
        assertRejected("path.format", "'dt'=YYYY-MM-dd{");
        assertRejected("partitioner.class", "io.confluent.connect.storage.partitioner.FieldPartitioner");
        assertRejected("timestamp.extractor", "Header");
        assertRejected("s3.compression.type", "zstd");
        assertRejected("s3.compression.level", "10");
        assertRejected("s3.part.retries", "-1");
        assertRejected("behavior.on.null.values", "warn");
        assertRejected("store.url", "ftp://example.org");
        assertRejected("topics.dir", "/topics");
        assertRejected("s3.part.size", "1024");
        assertRejected("filename.offset.zero.pad.width", "20");
    }

    @Test
    void confluentsPartitionerAndExtractorNamesAreAccepted() {
        S3SinkConnectorConfig config = new S3SinkConnectorConfig(Records.config(
                "partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner",
                "timestamp.extractor", "Record"));

        assertThat(config.partitioner().partitionerType()).isEqualTo(PartitionerType.DEFAULT);
        assertThat(config.partitioner().timestampSource()).isEqualTo(TimestampSource.RECORD);
        assertThat(config.partitioner().timestampField()).isEmpty();
    }

    @Test
    void aRecordFieldExtractorNeedsAField() {
        assertThatThrownBy(() -> new S3SinkConnectorConfig(Records.config("timestamp.field", " ")).ensureConsistent())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("timestamp.field");
    }

    @Test
    void credentialsComeInPairsAndTheSecretNeverShows() {
        assertThatThrownBy(() -> new S3SinkConnectorConfig(Records.config("aws.access.key.id", "AKIA")).ensureConsistent())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws.secret.access.key");
        assertThatThrownBy(() -> new S3SinkConnectorConfig(Records.config("aws.secret.access.key", "s3cr3t"))
                .ensureConsistent())
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("s3cr3t");

        S3SinkConnectorConfig both = new S3SinkConnectorConfig(Records.config(
                "aws.access.key.id", "AKIA", "aws.secret.access.key", "s3cr3t"));
        assertThat(both.store().staticCredentials()).hasValueSatisfying(c -> {
            assertThat(c.accessKeyId()).isEqualTo("AKIA");
            assertThat(c.secretAccessKey()).isEqualTo("s3cr3t");
            assertThat(c.toString()).doesNotContain("s3cr3t");
        });
    }

    @Test
    void enumKeysRecommendTheirValues() {
        ConfigDef.ConfigKey compression = S3SinkConnectorConfig.CONFIG_DEF.configKeys().get("s3.compression.type");

        assertThat(compression.recommender.validValues("s3.compression.type", Map.of())).containsExactly("none", "gzip");
    }

    private static void assertRejected(String key, String value) {
        assertThatThrownBy(() -> new S3SinkConnectorConfig(Records.config(key, value)))
                .as(key + "=" + value)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }
}
