package org.egov.telemetry.core;

import org.apache.kafka.common.config.AbstractConfig;

import java.util.Map;

/**
 * One concern of a plugin's configuration (see {@link PluginConfig} for the contract): its keys, a
 * {@code static ConfigDef define(ConfigDef)}, typed getters over {@link #config}, and the rules across its keys.
 */
public abstract class ConfigFragment {

    protected final AbstractConfig config;

    protected ConfigFragment(AbstractConfig config) {
        this.config = config;
    }

    /** Adds problems that involve several of this fragment's keys, keyed by the key to fix. Default: none. */
    public void checkAcrossKeys(Map<String, String> problems) {
    }
}
