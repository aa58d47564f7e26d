package org.egov.telemetry.core;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validator and recommender for a config key whose value is one of an enum's constants, written in lower
 * case (e.g. {@code route}, {@code drop}, {@code fail}). Its {@code toString()} lists the allowed values,
 * which is what Connect's generated docs show.
 *
 * <p>Not Kafka's {@code ConfigDef.CaseInsensitiveValidString}: that one prints the values upper-cased and in hash
 * order (docs would read "(case insensitive) [UPSERT, INSERT]" where every example writes {@code insert}), is no
 * recommender (the validate endpoint would list no allowed values), and leaves parsing to every caller.
 */
public final class EnumValidator<E extends Enum<E>> implements ConfigDef.Validator, ConfigDef.Recommender {

    private final Class<E> type;
    private final List<Object> names;

    private EnumValidator(Class<E> type) {
        this.type = type;
        this.names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableList());
    }

    public static <E extends Enum<E>> EnumValidator<E> of(Class<E> type) {
        return new EnumValidator<>(type);
    }

    public E parse(String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || !names.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
            throw new ConfigException(name, value, "must be one of " + names);
        }
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return names;
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return names.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
