package org.egov.telemetry.it.sdk;

import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code sunbird-sdk-driver.js}: a Node process in which the real SDK sends telemetry, and what it
 * recorded of the SDK's requests and their answers.
 */
final class SdkDriver implements AutoCloseable {

    private final Path dir;
    private final Process process;

    private SdkDriver(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    static SdkDriver start(Path home, Path dir, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("driver.log").toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        return new SdkDriver(dir, process);
    }

    /** The exchanges answered so far (the driver appends each one to its log as it completes). */
    List<Exchange> exchangesSoFar() {
        Path log = dir.resolve("exchanges.ndjson");
        List<Exchange> exchanges = new ArrayList<>();
        try {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.endsWith("}")) {   // a line still being written is left for the next look
                        exchanges.add(Exchange.of(Json.parseObject(line)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + log, e);
        }
        return exchanges;
    }

    /** Lets the request that waits after an answer other than 2xx go (plans with a held resend only). */
    void releaseResend() {
        try {
            Files.writeString(dir.resolve("resend.go"), "go\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the driver to end and returns what it recorded; fails with its log unless it ended well. */
    Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("The SDK driver did not end within " + timeout.toSeconds() + " s. Its log:\n"
                        + Commands.tail(dir.resolve("driver.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("Interrupted while waiting for the SDK driver", e);
        }
        String log = Commands.tail(dir.resolve("driver.log"));
        Path resultFile = dir.resolve("result.json");
        if (!Files.exists(resultFile)) {
            throw new AssertionError("The SDK driver exited with " + process.exitValue() + " and no result. Its log:\n"
                    + log);
        }
        try {
            Map<String, Object> json = Json.parseObject(Files.readAllBytes(resultFile));
            Result result = Result.of(json, log);
            if (process.exitValue() != 0 || !result.done()) {
                throw new AssertionError("The SDK driver exited with " + process.exitValue() + ": " + json.get("reason")
                        + "\nRequests: " + result.exchanges() + "\nIts log:\n" + log);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resultFile, e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What the driver recorded: every event the SDK built (in order), every request it sent with the answer,
     * and the console output of Node (the SDK logs its retries there).
     */
    record Result(String nodeVersion, String sdkVersion, boolean done, List<Map<String, Object>> produced,
                  List<Exchange> exchanges, String log) {

        @SuppressWarnings("unchecked")
        static Result of(Map<String, Object> json, String log) {
            List<Exchange> exchanges = new ArrayList<>();
            for (Object exchange : (List<Object>) json.get("exchanges")) {
                exchanges.add(Exchange.of((Map<String, Object>) exchange));
            }
            return new Result(String.valueOf(json.get("node")), String.valueOf(json.get("sdk")),
                    Boolean.TRUE.equals(json.get("done")), (List<Map<String, Object>>) json.get("produced"),
                    exchanges, log);
        }
    }

    /**
     * One request of the SDK as it left the SDK (its URL, the headers it set, the exact body text) and what it
     * got: an HTTP status and body, or a transport error.
     */
    record Exchange(int seq, String url, String method, Map<String, String> headers, String body, Integer status,
                    Map<String, String> responseHeaders, String response, String error, long sentAt, Long answeredAt) {

        @SuppressWarnings("unchecked")
        static Exchange of(Map<String, Object> json) {
            return new Exchange(((Number) json.get("seq")).intValue(), (String) json.get("url"),
                    (String) json.get("method"), (Map<String, String>) json.get("headers"), (String) json.get("body"),
                    json.get("status") == null ? null : ((Number) json.get("status")).intValue(),
                    (Map<String, String>) json.getOrDefault("responseHeaders", Map.of()), (String) json.get("response"),
                    (String) json.get("error"), ((Number) json.get("sentAt")).longValue(),
                    json.get("answeredAt") == null ? null : ((Number) json.get("answeredAt")).longValue());
        }

        /** The body the SDK posted, parsed. */
        Map<String, Object> batch() {
            try {
                return Json.parseObject(body);
            } catch (IOException e) {
                throw new AssertionError("The SDK posted a body that is not a JSON object: " + body, e);
            }
        }

        /** The answer's body, parsed. */
        Map<String, Object> answer() {
            try {
                return Json.parseObject(response);
            } catch (IOException e) {
                throw new AssertionError("The edge answered a body that is not a JSON object: " + response, e);
            }
        }

        @SuppressWarnings("unchecked")
        String msgid() {
            return (String) ((Map<String, Object>) batch().get("params")).get("msgid");
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events() {
            return (List<Map<String, Object>>) batch().get("events");
        }

        @Override
        public String toString() {
            return "#" + seq + " " + method + " " + url + " msgid=" + (body == null ? null : msgid()) + " -> "
                    + (error != null ? "error " + error : status + " " + response);
        }
    }
}
