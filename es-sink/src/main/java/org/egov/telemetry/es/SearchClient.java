package org.egov.telemetry.es;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.message.BasicHeader;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.common.config.types.Password;
import org.egov.telemetry.core.Json;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The few HTTP calls the sink makes, over Elasticsearch's low-level REST client, which speaks to
 * Elasticsearch 7, 8, 9 and OpenSearch alike. Non-2xx answers surface as
 * {@link org.elasticsearch.client.ResponseException}.
 */
final class SearchClient implements Closeable {

    private final RestClient rest;

    SearchClient(RestClient rest) {
        this.rest = rest;
    }

    static SearchClient create(ElasticsearchSinkConnectorConfig config) {
        List<String> urls = config.connectionUrls();
        HttpHost[] hosts = urls.stream().map(SearchClient::host).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts)
                .setMetaHeaderEnabled(false)
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout(config.connectionTimeoutMs())
                        .setSocketTimeout(config.readTimeoutMs()));
        if (!config.pathPrefix().isEmpty()) {
            builder.setPathPrefix(config.pathPrefix());
        }
        if (config.username() != null) {
            builder.setDefaultHeaders(new Header[] {basicAuth(config.username(), config.password())});
        }
        return new SearchClient(builder.build());
    }

    /** {@code POST /_bulk} with an NDJSON body; the parsed response. */
    Map<String, Object> bulk(byte[] ndjson) throws IOException {
        Request request = new Request("POST", "/_bulk");
        request.setEntity(new ByteArrayEntity(ndjson, ContentType.APPLICATION_JSON));
        return Json.parseObject(EntityUtils.toByteArray(rest.performRequest(request).getEntity()));
    }

    /** "OpenSearch 2.19.6", "Elasticsearch 8.19.1 (default)"... from {@code GET /}. */
    String describeNode() throws IOException {
        Response response = rest.performRequest(new Request("GET", "/"));
        Map<String, Object> info = Json.parseObject(EntityUtils.toByteArray(response.getEntity()));
        Object version = info.get("version");
        Map<?, ?> v = version instanceof Map<?, ?> m ? m : Map.of();
        String product = "opensearch".equals(v.get("distribution")) ? "OpenSearch"
                : info.containsKey("tagline") && String.valueOf(info.get("tagline")).contains("You Know, for Search")
                ? "Elasticsearch" : "unknown product";
        String flavor = v.get("build_flavor") == null ? "" : " (" + v.get("build_flavor") + ")";
        Object number = v.get("number");
        return product + " " + (number == null ? "unknown version" : number) + flavor;
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
}
