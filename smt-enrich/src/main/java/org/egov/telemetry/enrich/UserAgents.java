package org.egov.telemetry.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The user-agent analyzer (Yauaa), built once per class loader and shared by every task of the worker: it
 * takes seconds and about a hundred megabytes to build, and parsing is thread-safe. What it found for a
 * user agent is cached (most telemetry comes from few distinct browsers); the cache is sized by the first
 * instance that asks for it.
 *
 * <p>It is built on a thread of its own, and the first parse waits for it, so configuring the transform
 * returns at once. A worker starts the tasks of one assignment together and an exactly-once source task (the
 * HTTP edge among them) begins only when all have started; built while the transform was configured, the
 * analyzer kept the edge closed 3 s longer after every worker start.
 */
final class UserAgents {

    /** Longest User-Agent parsed; longer ones are cut by Yauaa. */
    static final int MAX_LENGTH = 2048;

    /** Yauaa field → field name in our output. */
    private static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put(UserAgent.AGENT_NAME, "browser");
        FIELDS.put(UserAgent.AGENT_VERSION, "browserVersion");
        FIELDS.put(UserAgent.OPERATING_SYSTEM_NAME, "os");
        FIELDS.put(UserAgent.OPERATING_SYSTEM_VERSION, "osVersion");
        FIELDS.put(UserAgent.DEVICE_CLASS, "deviceType");
        FIELDS.put(UserAgent.DEVICE_BRAND, "deviceBrand");
        FIELDS.put(UserAgent.DEVICE_NAME, "deviceName");
    }

    private static UserAgents shared;

    private final CompletableFuture<UserAgentAnalyzer> analyzer;
    private final Cache<String, Map<String, Object>> described;

    private UserAgents(CompletableFuture<UserAgentAnalyzer> analyzer, int cacheSize) {
        this.analyzer = analyzer;
        this.described = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    static synchronized UserAgents shared(int cacheSize) {
        if (shared == null) {
            CompletableFuture<UserAgentAnalyzer> analyzer = new CompletableFuture<>();
            Thread builder = new Thread(() -> {
                try {
                    analyzer.complete(build());
                } catch (Throwable e) {
                    analyzer.completeExceptionally(e);
                }
            }, "telemetry-useragent-analyzer");
            builder.setContextClassLoader(UserAgents.class.getClassLoader());   // it finds its rules as resources
            builder.setDaemon(true);
            builder.start();
            shared = new UserAgents(analyzer, cacheSize);
        }
        return shared;
    }

    private static UserAgentAnalyzer build() {
        return UserAgentAnalyzer.newBuilder()
                .hideMatcherLoadStats()
                .dropTests()
                .withoutCache()
                .withUserAgentMaxLength(MAX_LENGTH)
                .withFields(FIELDS.keySet())
                .immediateInitialization()
                .build();
    }

    /**
     * @return browser, browserVersion, os, osVersion, deviceType, deviceBrand and deviceName, each only when
     *         the analyzer knows it; empty when it knows nothing (an unrecognised string). Unmodifiable.
     */
    Map<String, Object> describe(String userAgent) {
        return described.get(userAgent, this::parse);
    }

    private Map<String, Object> parse(String userAgent) {
        UserAgent parsed = analyzer.join().parse(userAgent);
        Map<String, Object> out = new LinkedHashMap<>();
        FIELDS.forEach((field, name) -> {
            String value = parsed.getValue(field);
            if (value != null && !value.isBlank() && !value.startsWith("Unknown") && !"??".equals(value)
                    && !value.startsWith("Hacker")) {
                out.put(name, value);
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
