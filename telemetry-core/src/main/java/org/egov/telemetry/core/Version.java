package org.egov.telemetry.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The bundle's version, as every plugin reports it through {@code version()}. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return props.getProperty("version", "unknown");
    }
}
