package org.egov.telemetry.launcher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The few calls of the Connect REST API the stack needs, over the JDK HTTP client. */
final class ConnectRest {

    /** A non-2xx answer, or no answer at all ({@code status == -1}). */
    static final class RestException extends IOException {
        final int status;

        RestException(int status, String message) {
            super(message);
            this.status = status;
        }

        /**
         * An answer that a worker gives while it starts, joins the group or rebalances, worth asking again: none
         * (restarting), 404 (listening before its REST resources are registered, right after a start), 409
         * (rebalancing), 5xx ("a rebalance is expected", reading the config topic).
         */
        boolean passing() {
            return status == -1 || status == 404 || status == 409 || status >= 500;
        }
    }

    /** Calls to a worker that can be made again, as a whole, after a passing answer. */
    @FunctionalInterface
    interface Repeatable {
        void run() throws Exception;
    }

    /**
     * Runs {@code calls}, and runs them again a second later each time the worker gives a {@linkplain
     * RestException#passing() passing} answer, until the deadline; {@code onRetry} hears each answer that is asked
     * again. Throws an answer that is not passing at once, and a passing one once the deadline is over.
     */
    static void whileSettling(long deadline, Repeatable calls, Consumer<RestException> onRetry) throws Exception {
        while (true) {
            try {
                calls.run();
                return;
            } catch (RestException e) {
                if (!e.passing() || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                onRetry.accept(e);
                Thread.sleep(1000);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json;
    private final String base;

    ConnectRest(ObjectMapper json, String baseUrl) {
        this.json = json;
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String base() {
        return base;
    }

    JsonNode root() throws IOException {
        return send("GET", "/", null);
    }

    JsonNode plugins() throws IOException {
        return send("GET", "/connector-plugins?connectorsOnly=false", null);
    }

    /**
     * {@code {name: {status: {connector: {...}, tasks: [...], type}, info: {tasks: [...], ...}}}} for every connector
     * of the cluster: its state, and the tasks its current configuration has.
     */
    JsonNode statuses() throws IOException {
        return send("GET", "/connectors?expand=status&expand=info", null);
    }

    JsonNode status(String name) throws IOException {
        return send("GET", "/connectors/" + enc(name) + "/status", null);
    }

    /** KIP-875: {@code {offsets: [{partition: {...}, offset: {...}}]}}, a sink's from its consumer group. */
    JsonNode offsets(String name) throws IOException {
        return send("GET", "/connectors/" + enc(name) + "/offsets", null);
    }

    /** The connector's config as the worker stores it (with its {@code name}), or empty when it has none. */
    Optional<Map<String, String>> config(String name) throws IOException {
        HttpResponse<String> r = exchange("GET", "/connectors/" + enc(name) + "/config", null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        check(r, "GET /connectors/" + name + "/config");
        return Optional.of(json.readValue(r.body(), new TypeReference<Map<String, String>>() { }));
    }

    /** Creates or updates; returns true when the connector was created. */
    boolean putConfig(String name, Map<String, String> config) throws IOException {
        HttpResponse<String> r = exchange("PUT", "/connectors/" + enc(name) + "/config",
                json.writeValueAsString(config));
        check(r, "PUT /connectors/" + name + "/config");
        return r.statusCode() == 201;
    }

    /** Deletes the connector; true when there was one. Its source offsets stay in the offsets topic. */
    boolean delete(String name) throws IOException {
        HttpResponse<String> r = exchange("DELETE", "/connectors/" + enc(name), null);
        if (r.statusCode() == 404) {
            return false;
        }
        check(r, "DELETE /connectors/" + name);
        return true;
    }

    /** Creates the connector STOPPED (KIP-980), so that its offsets can be changed before it first runs. */
    void createStopped(String name, Map<String, String> config) throws IOException {
        send("POST", "/connectors", json.writeValueAsString(Map.of("name", name, "config", config,
                "initial_state", "STOPPED")));
    }

    /** KIP-875: forgets a STOPPED connector's source offsets. */
    void resetOffsets(String name) throws IOException {
        send("DELETE", "/connectors/" + enc(name) + "/offsets", null);
    }

    void resume(String name) throws IOException {
        send("PUT", "/connectors/" + enc(name) + "/resume", null);
    }

    /** Restarts the connector instance only; its tasks go on. */
    void restartConnector(String name) throws IOException {
        send("POST", "/connectors/" + enc(name) + "/restart", "");
    }

    void restartFailed(String name) throws IOException {
        send("POST", "/connectors/" + enc(name) + "/restart?includeTasks=true&onlyFailed=true", "");
    }

    private JsonNode send(String method, String path, String body) throws IOException {
        HttpResponse<String> r = exchange(method, path, body);
        check(r, method + " " + path);
        return r.body() == null || r.body().isBlank() ? json.nullNode() : json.readTree(r.body());
    }

    private HttpResponse<String> exchange(String method, String path, String body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException(-1, "interrupted");
        } catch (IOException e) {
            throw new RestException(-1, base + " does not answer: " + e);
        }
    }

    private void check(HttpResponse<String> r, String what) throws RestException {
        if (r.statusCode() / 100 != 2) {
            String msg = r.body();
            try {
                JsonNode err = json.readTree(r.body());
                if (err.hasNonNull("message")) {
                    msg = err.get("message").asText();
                }
            } catch (IOException | RuntimeException ignored) {
                // not JSON: keep the raw body
            }
            throw new RestException(r.statusCode(), what + " -> " + r.statusCode() + ": " + msg);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
