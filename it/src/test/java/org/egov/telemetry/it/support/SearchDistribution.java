package org.egov.telemetry.it.support;

import java.nio.file.Path;
import java.util.Map;

/**
 * A search engine version the tests can start from its unpacked Maven Central integ-test zip: where the zip is
 * unpacked (set by the {@code it} module's pom), its launcher, the environment variables it reads, the Java it
 * needs, and the settings that make it a plain single node.
 */
public enum SearchDistribution {

    OPENSEARCH_2_19("OpenSearch", "2.19.6", 17),
    ELASTICSEARCH_7_17("Elasticsearch", "7.17.29", 17),
    ELASTICSEARCH_8_19("Elasticsearch", "8.19.21", 17),
    ELASTICSEARCH_9_3("Elasticsearch", "9.3.2", 21);

    /** System property naming the folder the Elasticsearch zips are unpacked into. */
    public static final String ELASTICSEARCH_ROOT_PROPERTY = "elasticsearch.root";

    private final String product;
    private final String version;
    private final int minimumJava;

    SearchDistribution(String product, String version, int minimumJava) {
        this.product = product;
        this.version = version;
        this.minimumJava = minimumJava;
    }

    public boolean isOpenSearch() {
        return product.equals("OpenSearch");
    }

    public String version() {
        return version;
    }

    public int majorVersion() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    /** Whether the default build unpacks it; the others need {@code -Pes-matrix}. */
    public boolean inDefaultBuild() {
        return this == OPENSEARCH_2_19 || this == ELASTICSEARCH_8_19;
    }

    int minimumJava() {
        return minimumJava;
    }

    /** The unpacked distribution, or null when the build did not unpack it. */
    Path home() {
        if (isOpenSearch()) {
            String home = System.getProperty(SearchNode.HOME_PROPERTY);
            return home == null || home.isBlank() ? null : Path.of(home).toAbsolutePath().normalize();
        }
        String root = System.getProperty(ELASTICSEARCH_ROOT_PROPERTY);
        return root == null || root.isBlank() ? null
                : Path.of(root).toAbsolutePath().normalize().resolve("elasticsearch-" + version);
    }

    String launcher() {
        return isOpenSearch() ? "bin/opensearch" : "bin/elasticsearch";
    }

    /** Prefix of the launcher's environment variables: OPENSEARCH_JAVA_OPTS or ES_JAVA_OPTS and so on. */
    String envPrefix() {
        return isOpenSearch() ? "OPENSEARCH" : "ES";
    }

    /** Settings every node of this distribution gets, before the caller's. */
    Map<String, String> baseSettings() {
        return isOpenSearch() ? Map.of() : Map.of("xpack.security.enabled", "false");
    }

    /** Settings that turn on security (users and API keys) without TLS, for a single node. */
    Map<String, String> securitySettings() {
        if (isOpenSearch()) {
            throw new UnsupportedOperationException("The OpenSearch integ-test zip has no security plugin");
        }
        return Map.of("xpack.security.enabled", "true",
                "xpack.security.http.ssl.enabled", "false",
                "xpack.security.transport.ssl.enabled", "false",
                "xpack.security.authc.api_key.enabled", "true");
    }

    @Override
    public String toString() {
        return product + " " + version;
    }
}
