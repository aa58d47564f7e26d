package org.egov.telemetry.es;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search node in the test JVM: answers {@code GET /} like OpenSearch and {@code POST /_bulk} per item, by
 * default 201 for every item. Scripted answers are used first, in order: a whole-request HTTP status, or one
 * item answer per action.
 */
final class FakeSearchNode implements AutoCloseable {

    /** One action of a recorded bulk request. */
    record Action(String verb, String index, String id, String source) {
    }

    /** The answer for one action: a status and, for errors, the error type. */
    record ItemAnswer(int status, String errorType) {
        static ItemAnswer ok() {
            return new ItemAnswer(201, null);
        }

        static ItemAnswer error(int status, String type) {
            return new ItemAnswer(status, type);
        }
    }

    private final HttpServer server;
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, String>> headers = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Object> script = new ArrayDeque<>();
    private final Map<String, String> templates = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> fieldTypes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> otherRequests = Collections.synchronizedList(new ArrayList<>());
    private volatile long bulkDelayMs;
    private volatile Map<String, Object> version = Map.of("distribution", "opensearch", "number", "2.19.6");

    FakeSearchNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next bulk request is answered with this HTTP status and an error body. */
    synchronized FakeSearchNode thenStatus(int status) {
        script.add(status);
        return this;
    }

    /** The next bulk request is answered 200 with these item answers (one per action). */
    synchronized FakeSearchNode thenItems(ItemAnswer... answers) {
        script.add(List.of(answers));
        return this;
    }

    /** Every bulk request is answered this many milliseconds after it arrived. */
    FakeSearchNode bulkDelay(long ms) {
        bulkDelayMs = ms;
        return this;
    }

    /** {@code GET /} answers as this product and version ("opensearch" or null for Elasticsearch). */
    FakeSearchNode version(String distribution, String number) {
        version = distribution == null ? Map.of("number", number) : Map.of("distribution", distribution, "number", number);
        return this;
    }

    /** {@code GET /INDEX/_mapping/field/FIELD} answers that the index exists and maps the field as {@code type}. */
    FakeSearchNode mapping(String index, String field, String type) {
        fieldTypes.put(index + "/" + field, type);
        return this;
    }

    /** "METHOD path" of every request other than {@code GET /}, template installs and bulk requests. */
    List<String> otherRequests() {
        return List.copyOf(otherRequests);
    }

    /** Bodies of {@code PUT /_index_template/NAME} by name. */
    Map<String, String> templates() {
        return Map.copyOf(templates);
    }

    List<String> bulkBodies() {
        return List.copyOf(bodies);
    }

    List<Map<String, String>> bulkHeaders() {
        return List.copyOf(headers);
    }

    List<List<Action>> bulkRequests() {
        return bodies.stream().map(FakeSearchNode::actions).toList();
    }

    List<Action> allActions() {
        return bulkRequests().stream().flatMap(List::stream).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals("/")) {
                reply(exchange, 200, Map.of("version", version, "tagline", "scripted"));
                return;
            }
            if (exchange.getRequestMethod().equals("PUT") && path.startsWith("/_index_template/")) {
                templates.put(path.substring("/_index_template/".length()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                reply(exchange, 200, Map.of("acknowledged", true));
                return;
            }
            if (!(exchange.getRequestMethod().equals("POST") && path.equals("/_bulk"))) {
                otherRequests.add(exchange.getRequestMethod() + " " + path);
                String[] parts = path.split("/");
                String type = parts.length == 5 && path.contains("/_mapping/field/")
                        ? fieldTypes.get(parts[1] + "/" + parts[4]) : null;
                if (type != null) {
                    reply(exchange, 200, Map.of(parts[1], Map.of("mappings", Map.of(parts[4], Map.of("full_name",
                            parts[4], "mapping", Map.of(parts[4], Map.of("type", type)))))));
                    return;
                }
                reply(exchange, 404, Map.of("error", "no such endpoint " + path));
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> requestHeaders = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> requestHeaders.put(name.toLowerCase(), values.get(0)));
            bodies.add(body);
            headers.add(requestHeaders);
            if (bulkDelayMs > 0) {
                try {
                    Thread.sleep(bulkDelayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Object next;
            synchronized (this) {
                next = script.poll();
            }
            if (next instanceof Integer status) {
                reply(exchange, status, Map.of("error", Map.of("type", "scripted", "reason", "scripted"), "status", status));
                return;
            }
            List<Action> actions = actions(body);
            @SuppressWarnings("unchecked")
            List<ItemAnswer> answers = next == null ? Collections.nCopies(actions.size(), ItemAnswer.ok()) : (List<ItemAnswer>) next;
            List<Object> items = new ArrayList<>();
            boolean errors = false;
            for (int i = 0; i < actions.size(); i++) {
                ItemAnswer answer = answers.get(i);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("_index", actions.get(i).index());
                item.put("_id", actions.get(i).id());
                item.put("status", answer.status());
                if (answer.errorType() != null) {
                    item.put("error", Map.of("type", answer.errorType(), "reason", "scripted " + answer.errorType()));
                    errors = true;
                }
                items.add(Map.of(actions.get(i).verb(), item));
            }
            reply(exchange, 200, Map.of("took", 1, "errors", errors, "items", items));
        }
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.toBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @SuppressWarnings("unchecked")
    static List<Action> actions(String body) {
        List<Action> actions = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        try {
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isEmpty()) {
                    continue;
                }
                Map<String, Object> line = Json.parseObject(lines[i]);
                String verb = line.keySet().iterator().next();
                Map<String, Object> meta = (Map<String, Object>) line.get(verb);
                String source = verb.equals("delete") ? null : lines[++i];
                actions.add(new Action(verb, (String) meta.get("_index"), (String) meta.get("_id"), source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return actions;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
