package org.egov.telemetry.es;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.message.BasicHeader;
import org.apache.http.ssl.SSLContextBuilder;
import org.apache.http.ssl.SSLContexts;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.es.ConnectionConfig.SecurityProtocol;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import java.io.Closeable;
import java.io.InputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The few HTTP calls the sink makes, over Elasticsearch's low-level REST client, which speaks plain HTTP to
 * Elasticsearch 7, 8, 9 and OpenSearch alike (no product check, no compatibility headers). Non-2xx answers
 * surface as {@link org.elasticsearch.client.ResponseException}.
 */
class SearchClient implements Closeable {

    private final RestClient rest;

    SearchClient(RestClient rest) {
        this.rest = rest;
    }

    static SearchClient create(ElasticsearchSinkConnectorConfig config) {
        List<String> urls = config.connection().connectionUrls();
        HttpHost[] hosts = urls.stream().map(SearchClient::host).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts)
                .setMetaHeaderEnabled(false)
                .setCompressionEnabled(config.connection().compression())
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout(config.connection().connectionTimeoutMs())
                        .setSocketTimeout(config.connection().readTimeoutMs()));
        if (!config.connection().pathPrefix().isEmpty()) {
            builder.setPathPrefix(config.connection().pathPrefix());
        }
        if (config.connection().username() != null) {
            builder.setDefaultHeaders(new Header[] {basicAuth(config.connection().username(), config.connection().password())});
        } else if (config.connection().apiKey() != null) {
            builder.setDefaultHeaders(new Header[] {apiKeyAuth(config.connection().apiKey())});
        }
        if (config.connection().securityProtocol() == SecurityProtocol.SSL) {
            SSLContext ssl = sslContext(config);
            boolean verifyHostnames = config.connection().verifyHostnames();
            builder.setHttpClientConfigCallback(http -> {
                http.setSSLContext(ssl);
                if (!verifyHostnames) {
                    http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                }
                return http;
            });
        }
        return new SearchClient(builder.build());
    }

    /**
     * Asks a bulk response for what {@link BulkItemResult} reads and nothing more: the node writes, and this task
     * parses, a few bytes per item instead of each document's index, id, version, shards and sequence numbers.
     */
    static final String BULK_RESPONSE_FILTER = "items.*.status,items.*.error.type,items.*.error.reason";

    /**
     * {@code POST /_bulk} with an NDJSON body of {@code actions} actions; the answer for each, read from the
     * response filtered to {@link #BULK_RESPONSE_FILTER}.
     */
    List<BulkItemResult> bulk(byte[] ndjson, int actions) throws IOException {
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", BULK_RESPONSE_FILTER);
        request.setEntity(new ByteArrayEntity(ndjson, ContentType.APPLICATION_JSON));
        try (InputStream response = rest.performRequest(request).getEntity().getContent()) {
            return BulkItemResult.read(response, actions);
        }
    }

    /**
     * {@code GET /}: product and version of the cluster. Builds without the root endpoint (Elasticsearch 8/9
     * integ-test zips answer 405) are asked {@code GET /_nodes/_local} instead; see {@link NodeInfo#fromNodes}.
     */
    NodeInfo nodeInfo() throws IOException {
        try {
            return NodeInfo.parse(Json.parseObject(EntityUtils.toByteArray(
                    rest.performRequest(new Request("GET", "/")).getEntity())));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status != 404 && status != 405) {
                throw e;
            }
        }
        Response nodes = rest.performRequest(new Request("GET", "/_nodes/_local/none"));
        return NodeInfo.fromNodes(Json.parseObject(EntityUtils.toByteArray(nodes.getEntity())),
                nodes.getHeader("X-elastic-product") != null);
    }

    /** "OpenSearch 2.19.6", "Elasticsearch 8.19.21"... */
    String describeNode() throws IOException {
        return nodeInfo().toString();
    }

    /** {@code PUT /_index_template/name} with a composable template body. */
    void putIndexTemplate(String name, Map<String, Object> body) throws IOException {
        Request request = new Request("PUT", "/_index_template/" + name);
        request.setEntity(new ByteArrayEntity(Json.toBytes(body), ContentType.APPLICATION_JSON));
        EntityUtils.consume(rest.performRequest(request).getEntity());
    }

    /**
     * {@code GET /index/_mapping/field/field}: the mapped type of a top-level field of an index, or null when the
     * index does not exist or does not map the field.
     */
    String fieldType(String index, String field) throws IOException {
        Response response;
        try {
            response = rest.performRequest(new Request("GET", "/" + index + "/_mapping/field/" + field));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
        Map<String, Object> body = Json.parseObject(EntityUtils.toByteArray(response.getEntity()));
        return body.get(index) instanceof Map<?, ?> byIndex && byIndex.get("mappings") instanceof Map<?, ?> mappings
                && mappings.get(field) instanceof Map<?, ?> fieldMapping
                && fieldMapping.get("mapping") instanceof Map<?, ?> mapping
                && mapping.get(field) instanceof Map<?, ?> definition ? String.valueOf(definition.get("type")) : null;
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    private static HttpHost host(String url) {
        URI uri = URI.create(url.trim());
        return new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme());
    }

    private static Header basicAuth(String username, Password password) {
        String secret = username + ":" + (password == null ? "" : password.value());
        return new BasicHeader("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** "id:key" is encoded; anything else is taken as already encoded. */
    static Header apiKeyAuth(Password apiKey) {
        String key = apiKey.value().trim();
        String encoded = key.contains(":")
                ? Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) : key;
        return new BasicHeader("Authorization", "ApiKey " + encoded);
    }

    private static SSLContext sslContext(ElasticsearchSinkConnectorConfig config) {
        try {
            SSLContextBuilder ssl = SSLContexts.custom();
            if (config.connection().truststoreLocation() != null) {
                KeyStore trust = load(config.connection().truststoreLocation(), config.connection().truststoreType(), config.connection().truststorePassword());
                ssl.loadTrustMaterial(trust, null);
            }
            if (config.connection().keystoreLocation() != null) {
                KeyStore keys = load(config.connection().keystoreLocation(), config.connection().keystoreType(), config.connection().keystorePassword());
                Password keyPassword = config.connection().keyPassword() != null ? config.connection().keyPassword() : config.connection().keystorePassword();
                ssl.loadKeyMaterial(keys, keyPassword == null ? new char[0] : keyPassword.value().toCharArray());
            }
            return ssl.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("Could not set up TLS for " + config.connection().connectionUrls() + ": " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String type, Password password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.value().toCharArray());
        }
        return store;
    }
}
