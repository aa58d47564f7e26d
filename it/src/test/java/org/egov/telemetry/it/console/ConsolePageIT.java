package org.egov.telemetry.it.console;

import org.egov.telemetry.it.edge.EdgeBatches;
import org.egov.telemetry.it.support.HeadlessChromium;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console page in a real headless Chromium, on the shared stack with the whole pipeline registered: it
 * shows every stage, its counts rise as batches are posted and indexed, and a failed batch appears under its
 * reason, with nothing logged to the browser's console.
 */
class ConsolePageIT {

    static final Path SCREENSHOT = Path.of("target", "console", "pipeline.png");
    private static final String MISSING_ETS = "required field 'ets' is missing";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestStack stack;
    private static HeadlessChromium browser;

    @BeforeAll
    static void open() {
        stack = TestStack.shared();
        browser = HeadlessChromium.start();
        browser.open(stack.connect().endpointForResource("telemetry/"));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theChainCountsRiseFailuresShowUnderTheirReasonAndTheConsoleStaysClean() throws Exception {
        List<String> stages = List.of("ingest", "failed", "duplicates", "unbundle", "enriched", "archive", "index");
        await().atMost(60, TimeUnit.SECONDS).until(() -> stages.stream().allMatch(id -> position(id) >= 0));
        long ingested = position("ingest");
        long indexed = position("index");
        long missingEts = reasonCount(MISSING_ETS);

        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 20; i++) {
            assertThat(post(EdgeBatches.batch("page-" + run + "-" + i, "device-" + i, 5))).isEqualTo(200);
        }
        String invalid = "{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"page-" + run
                + "-bad\"},\"events\":[{\"eid\":\"START\"}]}";
        assertThat(post(invalid.getBytes(StandardCharsets.UTF_8))).isEqualTo(200);

        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(position("ingest")).as("ingest on the page").isGreaterThanOrEqualTo(ingested + 20);
            assertThat(position("index")).as("index on the page").isGreaterThanOrEqualTo(indexed + 100);
            assertThat(reasonCount(MISSING_ETS)).as("failed batches under their reason").isGreaterThan(missingEts);
        });
        assertThat(browser.driver().findElements(By.cssSelector("#chart canvas"))).as("the rate chart").isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#lags .lag-row"))).hasSize(3);

        // the whole page, not only the first screen
        browser.driver().manage().window().setSize(new Dimension(HeadlessChromium.WIDTH, 1500));
        Thread.sleep(500);
        Files.createDirectories(SCREENSHOT.getParent());
        browser.screenshot(SCREENSHOT);
        assertThat(browser.consoleErrors()).as("the browser's console").isEmpty();
    }

    /**
     * A stage's count as the page shows it, or -1 while the page has no card for it. Read in one script so that
     * a redraw of the cards between finding an element and reading it cannot leave a stale reference.
     */
    private static long position(String stage) {
        Object value = browser.script(
                "const card = document.querySelector('#stage-' + arguments[0] + ' .position');"
                        + "return card ? card.getAttribute('data-position') : null;", stage);
        return value == null || value.equals("null") ? -1 : Long.parseLong(value.toString());
    }

    /** The count the page shows for a failure reason, 0 when it lists none; read in one script like a position. */
    private static long reasonCount(String reason) {
        Object total = browser.script(
                "let total = 0;"
                        + "for (const row of document.querySelectorAll('#reasons tbody tr[data-kind=failed]')) {"
                        + "  const cells = row.querySelectorAll('td');"
                        + "  if (cells.length === 4 && cells[2].textContent === arguments[0]) {"
                        + "    total += Number(cells[3].textContent.replace(/,/g, ''));"
                        + "  }"
                        + "}"
                        + "return total;", reason);
        return ((Number) total).longValue();
    }

    private static int post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ingestUrl("/v1/telemetry")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
