package org.egov.telemetry.es;

import java.util.Map;

/**
 * What {@code GET /} says about the cluster: Elasticsearch or OpenSearch, and which version. The sink speaks the
 * same bulk API to all of them; the version decides only whether composable index templates and data streams
 * are available, and refuses clusters too old for a bulk request without {@code _type}.
 */
record NodeInfo(Product product, int major, int minor, String number) {

    enum Product { ELASTICSEARCH, OPENSEARCH }

    static NodeInfo parse(Map<String, Object> root) {
        Object version = root.get("version");
        Map<?, ?> v = version instanceof Map<?, ?> m ? m : Map.of();
        Product product = "opensearch".equals(v.get("distribution")) ? Product.OPENSEARCH : Product.ELASTICSEARCH;
        String number = v.get("number") == null ? "0.0.0" : v.get("number").toString();
        String[] parts = number.split("[.-]");
        int major = parts.length > 0 ? parseOrZero(parts[0]) : 0;
        int minor = parts.length > 1 ? parseOrZero(parts[1]) : 0;
        return new NodeInfo(product, major, minor, number);
    }

    /**
     * From {@code GET /_nodes/_local/none}: the local node's {@code version}. Elasticsearch (7.14 and later)
     * marks its answers with an {@code X-elastic-product} header; without one, major versions up to 3 are
     * taken as OpenSearch.
     */
    static NodeInfo fromNodes(Map<String, Object> answer, boolean elasticHeader) {
        Object nodes = answer.get("nodes");
        Object version = null;
        if (nodes instanceof Map<?, ?> byId && !byId.isEmpty() && byId.values().iterator().next() instanceof Map<?, ?> node) {
            version = node.get("version");
        }
        String number = version == null ? "0.0.0" : version.toString();
        int major = parseOrZero(number.split("[.-]")[0]);
        boolean openSearch = !elasticHeader && major <= 3;
        return parse(Map.of("version", openSearch ? Map.of("distribution", "opensearch", "number", number)
                : Map.of("number", number)));
    }

    /** Why the sink cannot write to this cluster, or null when it can. */
    String unsupportedReason() {
        if (product == Product.ELASTICSEARCH && major < 7) {
            return "Elasticsearch " + number + " is not supported; the sink needs Elasticsearch 7 or later";
        }
        return null;
    }

    /** {@code PUT _index_template} exists from Elasticsearch 7.8 and in every OpenSearch. */
    boolean hasComposableTemplates() {
        return product == Product.OPENSEARCH || major > 7 || (major == 7 && minor >= 8);
    }

    /** Data streams exist from Elasticsearch 7.9 and in every OpenSearch. */
    boolean hasDataStreams() {
        return product == Product.OPENSEARCH || major > 7 || (major == 7 && minor >= 9);
    }

    @Override
    public String toString() {
        return (product == Product.OPENSEARCH ? "OpenSearch " : "Elasticsearch ") + number;
    }

    private static int parseOrZero(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
