package org.egov.telemetry.s3;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3SinkConnectorConfigTest {

    @Test
    void everyKeyHasDocumentationAndAValidatorThatNamesTheAllowedValues() {
        assertThat(S3SinkConnectorConfig.configDef().configKeys().values()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.validator).as(key.name).isNotNull();
            assertThat(key.validator.toString()).as(key.name).isNotBlank().doesNotContain("$$Lambda");
        });
    }

    @Test
    void defaultsFollowConfluentsS3Sink() {
        S3SinkConnectorConfig config = new S3SinkConnectorConfig(Records.config());

        assertThat(config.bucketName()).isEqualTo("egov-telemetry-data");
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.storeUrl()).isEmpty();
        assertThat(config.pathStyleAccessEnabled()).isTrue();
        assertThat(config.staticCredentials()).isEmpty();
        assertThat(config.topicsDir()).isEqualTo("topics");
        assertThat(config.flushSize()).isEqualTo(1000);
        assertThat(config.rotateIntervalMs()).isEqualTo(-1);
        assertThat(config.rotateScheduleIntervalMs()).isEqualTo(-1);
        assertThat(config.timestampField()).isEqualTo(Optional.of("syncts"));
        assertThat(config.timezone().getId()).isEqualTo("UTC");
        assertThat(config.compressionType()).isEqualTo(CompressionType.GZIP);
        assertThat(config.offsetZeroPadWidth()).isEqualTo(10);
        assertThat(config.partSize()).isEqualTo(25 * 1024 * 1024);
        assertThat(config.nullValueBehavior()).isEqualTo(NullValueBehavior.IGNORE);
    }

    @Test
    void bucketIsRequired() {
        var props = Records.config();
        props.remove(S3SinkConnectorConfig.S3_BUCKET_NAME);

        assertThatThrownBy(() -> new S3SinkConnectorConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(S3SinkConnectorConfig.S3_BUCKET_NAME);
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        assertRejected("flush.size", "0");
        assertRejected("rotate.interval.ms", "0");
        assertRejected("rotate.schedule.interval.ms", "-5");
        assertRejected("timezone", "Mars/Olympus");
        assertRejected("s3.compression.type", "zstd");
        assertRejected("behavior.on.null.values", "warn");
        assertRejected("store.url", "ftp://example.org");
        assertRejected("topics.dir", "/topics");
        assertRejected("s3.part.size", "1024");
        assertRejected("filename.offset.zero.pad.width", "20");
    }

    @Test
    void credentialsComeInPairs() {
        assertThatThrownBy(() -> new S3SinkConnectorConfig(Records.config("aws.access.key.id", "AKIA")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws.secret.access.key");

        S3SinkConnectorConfig both = new S3SinkConnectorConfig(Records.config(
                "aws.access.key.id", "AKIA", "aws.secret.access.key", "s3cr3t"));
        assertThat(both.staticCredentials()).hasValueSatisfying(c -> {
            assertThat(c.accessKeyId()).isEqualTo("AKIA");
            assertThat(c.secretAccessKey()).isEqualTo("s3cr3t");
            assertThat(c.toString()).doesNotContain("s3cr3t");
        });
    }

    @Test
    void enumKeysRecommendTheirValues() {
        ConfigDef.ConfigKey compression = S3SinkConnectorConfig.CONFIG_DEF.configKeys().get("s3.compression.type");

        assertThat(compression.recommender.validValues("s3.compression.type", java.util.Map.of()))
                .containsExactly("none", "gzip");
    }

    private static void assertRejected(String key, String value) {
        assertThatThrownBy(() -> new S3SinkConnectorConfig(Records.config(key, value)))
                .as(key + "=" + value)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }
}
