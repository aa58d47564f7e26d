package org.egov.telemetry.core;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TransformChecksTest {

    /** Declares {@code names}; its validateAll also checks one undeclared key per name, {@code <name>.size}. */
    public static class SizedNames implements Transformation<SourceRecord> {
        private static final ConfigDef DEF = new ConfigDef() {
            @Override
            public Map<String, ConfigValue> validateAll(Map<String, String> props) {
                Map<String, ConfigValue> values = super.validateAll(props);
                for (String name : props.getOrDefault("names", "").split(",")) {
                    if (name.isBlank()) {
                        continue;
                    }
                    String key = name + ".size";
                    ConfigValue value = new ConfigValue(key, props.get(key), List.of(), new ArrayList<>());
                    if (!"1".equals(props.get(key))) {
                        value.addErrorMessage(key + " must be 1");
                    }
                    values.put(key, value);
                }
                return values;
            }
        }.define("names", ConfigDef.Type.LIST, ConfigDef.Importance.HIGH, "names");

        @Override
        public SourceRecord apply(SourceRecord record) {
            return record;
        }

        @Override
        public ConfigDef config() {
            return DEF;
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config result = new Config(new ArrayList<>(List.of(new ConfigValue("topic"))));
        TransformChecks.addTo(result, props);
        Map<String, List<String>> errors = new HashMap<>();
        result.configValues().stream().filter(value -> !value.errorMessages().isEmpty())
                .forEach(value -> errors.put(value.name(), value.errorMessages()));
        return errors;
    }

    @Test
    void reportsUndeclaredKeysUnderTheirAliasAndLeavesDeclaredOnesToConnect() {
        Map<String, String> props = Map.of("transforms", "a, b",
                "transforms.a.type", SizedNames.class.getName(), "transforms.a.names", "x,y",
                "transforms.a.x.size", "1", "transforms.a.y.size", "2",
                "transforms.b.type", SizedNames.class.getName());

        assertThat(errors(props)).containsOnlyKeys("transforms.a.y.size")
                .containsEntry("transforms.a.y.size", List.of("y.size must be 1"));
    }

    @Test
    void aChainWithoutTransformsOrWithClassesItCannotLoadAddsNothing() {
        assertThat(errors(Map.of())).isEmpty();
        assertThat(errors(Map.of("transforms", "a", "transforms.a.type", "no.such.Transform"))).isEmpty();
        assertThat(errors(Map.of("transforms", "a", "transforms.a.type", String.class.getName()))).isEmpty();
        assertThat(errors(Map.of("transforms", "a"))).isEmpty();
    }
}
