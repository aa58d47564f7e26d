package org.egov.telemetry.http;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.egov.telemetry.core.ConfigFragment;

/** Cross-origin settings, so that browser pages on other origins may post telemetry. */
public final class CorsSettings extends ConfigFragment {

    public static final String ALLOWED_ORIGINS = "cors.allowed.origins";
    public static final String ALLOWED_HEADERS = "cors.allowed.headers";
    public static final String MAX_AGE_SECONDS = "cors.max.age.seconds";

    private static final String GROUP = "CORS";

    private final List<String> origins;
    private final List<String> headers;
    private final long maxAgeSeconds;

    CorsSettings(AbstractConfig config) {
        super(config);
        origins = config.getList(ALLOWED_ORIGINS);
        headers = config.getList(ALLOWED_HEADERS);
        maxAgeSeconds = config.getLong(MAX_AGE_SECONDS);
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(ALLOWED_ORIGINS, Type.LIST, "*", Importance.MEDIUM,
                        "Origins whose pages may post telemetry: '*' for any, or a list of origins such as "
                                + "'https://amritsar.example.org'; an entry may use '*' as a wildcard, e.g. "
                                + "'https://*.example.org'.", GROUP, ++order, Width.LONG, ALLOWED_ORIGINS)
                .define(ALLOWED_HEADERS, Type.LIST,
                        "Content-Type,Authorization,x-app-id,x-device-id,x-channel-id,dataType,Content-Encoding",
                        Importance.LOW, "Request headers a browser may send cross-origin.",
                        GROUP, ++order, Width.LONG, ALLOWED_HEADERS)
                .define(MAX_AGE_SECONDS, Type.LONG, 1800L, Range.between(0, 86_400), Importance.LOW,
                        "How long a browser may cache a preflight answer, in seconds.",
                        GROUP, ++order, Width.SHORT, MAX_AGE_SECONDS);
    }

    /** The allowed origins as the regular expressions Jetty's CrossOriginHandler takes. */
    Set<String> originPatterns() {
        Set<String> patterns = new LinkedHashSet<>();
        for (String origin : origins) {
            if (origin.equals("*")) {
                patterns.add(".*");
            } else {
                StringBuilder regex = new StringBuilder();
                for (String part : origin.split("\\*", -1)) {
                    if (regex.length() > 0) {
                        regex.append("[^/]*");
                    }
                    regex.append(java.util.regex.Pattern.quote(part));
                }
                patterns.add(regex.toString());
            }
        }
        return patterns;
    }

    Set<String> headers() {
        return new LinkedHashSet<>(headers);
    }

    Duration maxAge() {
        return Duration.ofSeconds(maxAgeSeconds);
    }
}
