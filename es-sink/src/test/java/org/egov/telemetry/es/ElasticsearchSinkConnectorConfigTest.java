package org.egov.telemetry.es;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElasticsearchSinkConnectorConfigTest {

    private static ElasticsearchSinkConnectorConfig config(String... pairs) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "http://localhost:9200");
        for (int i = 0; i < pairs.length; i += 2) {
            props.put(pairs[i], pairs[i + 1]);
        }
        return new ElasticsearchSinkConnectorConfig(props);
    }

    @Test
    void everyKeyHasDocumentationAndAValidator() {
        for (ConfigDef.ConfigKey key : ElasticsearchSinkConnectorConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
            if (key.type != ConfigDef.Type.BOOLEAN) {
                assertThat(key.validator).as(key.name).isNotNull();
                assertThat(key.validator.toString()).as(key.name).doesNotContain("@");
            }
        }
    }

    @Test
    void defaultsFollowConfluentsSink() {
        ElasticsearchSinkConnectorConfig config = config();
        assertThat(config.bulk().batchSize()).isEqualTo(2000);
        assertThat(config.bulk().lingerMs()).isEqualTo(1);
        assertThat(config.bulk().maxRetries()).isEqualTo(5);
        assertThat(config.bulk().retryBackoffMs()).isEqualTo(100);
        assertThat(config.target().ignoreKey()).isFalse();
        assertThat(config.target().indexName()).isNull();
        assertThat(config.target().behaviorOnNullValues()).isEqualTo(TargetConfig.NullValueBehavior.FAIL);
        assertThat(config.target().behaviorOnMalformedDocuments())
                .isEqualTo(TargetConfig.MalformedDocumentBehavior.FAIL);
        assertThat(config.connection().username()).isNull();
        assertThat(config.connection().pathPrefix()).isEmpty();
    }

    @Test
    void severalNodesWithACommonPathPrefixAreAccepted() {
        ElasticsearchSinkConnectorConfig config = config("connection.url", "https://a:9200/es/,https://b:9200/es");
        assertThat(config.connection().connectionUrls()).hasSize(2);
        assertThat(config.connection().pathPrefix()).isEqualTo("/es");
    }

    @Test
    void invalidValuesAreRejectedWithTheirKey() {
        assertThatThrownBy(() -> config("connection.url", "localhost:9200")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("connection.url");
        assertThatThrownBy(() -> config("connection.url", "http://a:9200/x,http://b:9200/y"))
                .hasMessageContaining("same path");
        assertThatThrownBy(() -> config("index.name", "Telemetry")).hasMessageContaining("lower case");
        assertThatThrownBy(() -> config("behavior.on.null.values", "drop")).hasMessageContaining("[ignore, delete, fail]");
        assertThatThrownBy(() -> config("behavior.on.malformed.documents", "skip")).hasMessageContaining("[ignore, warn, fail]");
        assertThatThrownBy(() -> config("batch.size", "0")).hasMessageContaining("batch.size");
        assertThatThrownBy(() -> config("connection.password", " ")).hasMessageContaining("connection.password")
                .hasMessageNotContaining(" \" ");
    }

    @Test
    void enumKeysAcceptAnyCase() {
        assertThat(config("behavior.on.malformed.documents", "WARN").target().behaviorOnMalformedDocuments())
                .isEqualTo(TargetConfig.MalformedDocumentBehavior.WARN);
    }

    @Test
    void crossKeyProblemsArePinnedToTheirKey() {
        assertThat(config("connection.api.key", "id:key", "connection.username", "u").problems())
                .containsOnlyKeys("connection.api.key");
        assertThat(config("connection.url", "https://a:9200").problems()).containsOnlyKeys("connection.url");
        assertThat(config("elastic.security.protocol", "ssl").problems())
                .containsOnlyKeys("elastic.security.protocol");
        assertThat(config("data.stream.type", "logs").problems()).containsOnlyKeys("data.stream.dataset");
        assertThat(config("data.stream.type", "logs", "data.stream.dataset", "telemetry", "write.method", "upsert")
                .problems()).containsOnlyKeys("write.method");
        assertThat(config("index.template.install", "true").problems()).containsOnlyKeys("index.template.install");
        assertThat(config("connection.url", "https://a:9200", "elastic.security.protocol", "ssl",
                "connection.api.key", "id:key", "index.name", "t", "index.template.install", "true",
                "index.date.field", "@timestamp").problems()).isEmpty();
    }

    @Test
    void anApiKeyNeverAppearsInTheCrossKeyError() {
        assertThatThrownBy(() -> config("connection.api.key", "id:topsecret", "connection.username", "u")
                .ensureConsistent()).hasMessageContaining("connection.api.key").hasMessageNotContaining("topsecret");
    }

    @Test
    void dateFormatsThatMakeInvalidIndexNamesAreRejected() {
        assertThatThrownBy(() -> config("index.date.format", "yyyy/MM/dd")).hasMessageContaining("index.date.format");
        assertThatThrownBy(() -> config("index.date.format", "MMM")).hasMessageContaining("lower case");
        assertThat(config("index.date.format", "yyyy.MM").target().indexDateFormat()).isEqualTo("yyyy.MM");
    }

    @Test
    void configReferenceInDocsMatchesTheConfigDef() {
        String page = ConfigDocs.toMarkdown("ElasticsearchSinkConnector configuration",
                "Class: `" + ElasticsearchSinkConnector.class.getName() + "`. Operating guide: "
                        + "[../es-sink.md](../es-sink.md).", ElasticsearchSinkConnectorConfig.CONFIG_DEF);
        assertThat(ConfigDocs.undocumentedKeys(ElasticsearchSinkConnectorConfig.CONFIG_DEF)).isEmpty();
        assertThat(ConfigDocs.compareOrWrite(Path.of("../docs/config/es-sink.md"), page)).isNull();
    }
}
