package org.egov.telemetry.es;

import org.apache.kafka.connect.errors.ConnectException;
import org.egov.telemetry.core.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task does once at start: detect the product and version of the cluster (retrying as for bulk requests),
 * refuse what it cannot write to, and install the telemetry index template when asked to.
 */
final class ClusterSetup {

    /** The template shipped in the jar: settings and mappings for telemetry events. */
    static final String TEMPLATE_RESOURCE = "telemetry-index-template.json";
    private static final int TEMPLATE_PRIORITY = 200;
    /** The field whose mapping tells whether an existing index was made by the shipped template. */
    private static final String ID_FIELD = "mid";
    private static final Logger log = LoggerFactory.getLogger(ClusterSetup.class);

    private final SearchClient client;
    private final ElasticsearchSinkConnectorConfig config;

    ClusterSetup(SearchClient client, ElasticsearchSinkConnectorConfig config) {
        this.client = client;
        this.config = config;
    }

    /** @throws ConnectException when the cluster cannot be reached or cannot serve this configuration */
    NodeInfo prepare() {
        NodeInfo node = detect();
        if (node.unsupportedReason() != null) {
            throw new ConnectException(node.unsupportedReason());
        }
        IndexTarget target = new IndexTarget(config);
        if (target.isDataStream() && !node.hasDataStreams()) {
            throw new ConnectException(node + " has no data streams; unset data.stream.type");
        }
        if (config.target().installTemplate()) {
            if (!node.hasComposableTemplates()) {
                throw new ConnectException(node + " has no composable index templates; unset index.template.install");
            }
            try {
                client.putIndexTemplate(config.target().templateName(), template(target.templatePatterns(), target.isDataStream()));
            } catch (IOException e) {
                throw new ConnectException("Could not install index template " + config.target().templateName() + ": " + e, e);
            }
            log.info("Installed index template {} for {}", config.target().templateName(), List.of(target.templatePatterns()));
            warnAboutIndicesTheTemplateCannotReach(target.templatePatterns());
        }
        return node;
    }

    /**
     * A template shapes only indices created after it. An index of the same name that already exists keeps its
     * mappings (typically the dynamic ones, {@code mid} as {@code text}), so its ids need {@code .keyword} and
     * its times are numbers: say so once, at start, with the way out.
     */
    private void warnAboutIndicesTheTemplateCannotReach(String[] patterns) {
        for (String index : patterns) {
            if (index.contains("*")) {
                continue;
            }
            try {
                String type = client.fieldType(index, ID_FIELD);
                if (type != null && !type.equals("keyword")) {
                    log.warn("Index {} already exists and maps {} as {}, not as the template {} does (keyword): the "
                            + "template applies only to indices created after it. Reindex or roll over to a new index "
                            + "behind an alias (docs/es-sink.md, 'An index that already exists')", index, ID_FIELD,
                            type, config.target().templateName());
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not read the mapping of {}: {}", index, e.toString());
            }
        }
    }

    /** The template body: the shipped settings and mappings for {@code patterns}, as a data stream if asked. */
    static Map<String, Object> template(String[] patterns, boolean dataStream) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("index_patterns", List.of(patterns));
        body.put("priority", TEMPLATE_PRIORITY);
        if (dataStream) {
            body.put("data_stream", Map.of());
        }
        body.putAll(shipped());
        body.put("_meta", Map.of("managed_by", "org.egov.telemetry.es.ElasticsearchSinkConnector"));
        return body;
    }

    static Map<String, Object> shipped() {
        try (InputStream in = ClusterSetup.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE_RESOURCE + " is missing from the jar");
            }
            return Json.parseObject(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private NodeInfo detect() {
        Backoff backoff = new Backoff(config.bulk().retryBackoffMs(), config.bulk().retryBackoffMaxMs());
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                backoff.sleep(attempt);
            }
            try {
                return client.nodeInfo();
            } catch (IOException | RuntimeException e) {
                if (attempt >= config.bulk().maxRetries()) {
                    throw new ConnectException("Could not reach the search node at " + config.connection().connectionUrls()
                            + " to detect its version: " + e, e);
                }
                log.debug("Could not detect the search node's version ({}), retrying", e.toString());
            }
        }
    }
}
