package org.egov.telemetry.core;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way a plugin of this bundle declares and reads its configuration.
 *
 * <ul>
 *   <li>Each concern is a {@link ConfigFragment}: its keys as {@code static final String}s, a
 *       {@code static ConfigDef define(ConfigDef)} that adds them, typed getters over the plugin's config, and
 *       {@link ConfigFragment#checkAcrossKeys} for rules that involve several of its keys (or a file they name).</li>
 *   <li>The plugin's config class extends this one: its {@code CONFIG_DEF} chains the fragments' {@code define},
 *       and {@link #fragments()} lists them. Rules that span fragments go in its own {@link #checkAcrossKeys}.</li>
 *   <li>The constructor parses and checks each key on its own, as {@link AbstractConfig} does. The connector's
 *       {@code validate()} reports {@link #problems()} on their keys ({@link ConfigResults#addErrors}), and
 *       {@code start()} calls {@link #ensureConsistent()}, so a configuration that validates is the one that starts.</li>
 * </ul>
 */
public class PluginConfig extends AbstractConfig {

    private final ConfigDef definition;

    public PluginConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
        this.definition = definition;
    }

    /** The fragments this configuration is made of, in the order of its ConfigDef. */
    protected List<? extends ConfigFragment> fragments() {
        return List.of();
    }

    /** Adds the rules that span fragments: messages keyed by the key to fix. */
    protected void checkAcrossKeys(Map<String, String> problems) {
    }

    /** Problems that involve several keys, each under the key to fix, in a stable order; empty when none. */
    public final Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (ConfigFragment fragment : fragments()) {
            fragment.checkAcrossKeys(problems);
        }
        checkAcrossKeys(problems);
        return problems;
    }

    /** @throws ConfigException for the first of {@link #problems()}; a password's value is not shown */
    public final void ensureConsistent() {
        problems().entrySet().stream().findFirst().ifPresent(problem -> {
            ConfigDef.ConfigKey key = definition.configKeys().get(problem.getKey());
            Object value = key != null && key.type == ConfigDef.Type.PASSWORD ? "[hidden]"
                    : originals().get(problem.getKey());
            throw new ConfigException(problem.getKey(), value, problem.getValue());
        });
    }
}
