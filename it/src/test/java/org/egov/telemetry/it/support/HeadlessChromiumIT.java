package org.egov.telemetry.it.support;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link HeadlessChromium} on a page of a JDK HTTP server: text a script wrote, its console, a screenshot. */
class HeadlessChromiumIT {

    private static final String PAGE = """
            <!doctype html>
            <html>
            <head><meta charset="utf-8"><title>HeadlessChromiumIT</title><link rel="icon" href="data:,"></head>
            <body style="font-family: sans-serif; padding: 40px">
            <h1 id="greeting">not written yet</h1>
            <script>document.getElementById('greeting').textContent = 'Written by a script';</script>
            <script>console.log('an ordinary log line');</script>
            <script>console.error('deliberate console error 42');</script>
            <script>setTimeout(function () { throw new Error('deliberate uncaught exception'); }, 0);</script>
            </body>
            </html>
            """;

    private static HttpServer server;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void showsWhatAScriptWroteRecordsTheConsoleAndTakesAScreenshot() throws IOException {
        // this JVM may run other servers of its own (the shared search node): only what the browser started counts
        Set<Long> others = ProcessHandle.current().descendants().map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toSet());
        long started = System.nanoTime();
        HeadlessChromium browser = HeadlessChromium.start();
        System.out.printf("Chromium %s and chromedriver started in %d ms%n", browser.browserVersion(),
                (System.nanoTime() - started) / 1_000_000);
        List<ProcessHandle> processes;
        try (browser) {
            browser.open("http://127.0.0.1:" + server.getAddress().getPort() + "/");

            WebElement greeting = new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("greeting")));
            assertThat(greeting.getText()).isEqualTo("Written by a script");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(driver -> !browser.uncaughtExceptions().isEmpty());
            System.out.println("Console errors: " + browser.consoleErrors());
            assertThat(browser.consoleErrors()).hasSize(2)
                    .anySatisfy(message -> assertThat(message).contains("deliberate console error 42"))
                    .anySatisfy(message -> assertThat(message).contains("deliberate uncaught exception"));
            assertThat(browser.uncaughtExceptions()).singleElement().asString()
                    .contains("deliberate uncaught exception");
            assertThat(browser.console()).anySatisfy(entry ->
                    assertThat(entry.getMessage()).contains("an ordinary log line"));

            Path png = browser.screenshot(Path.of("target", "headless-chromium", "HeadlessChromiumIT.png"));
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isPositive();
            assertThat(colours(image)).as("distinct colours in %s", png).isGreaterThan(2);
            processes = ProcessHandle.current().descendants().filter(p -> !others.contains(p.pid())).toList();
        }
        assertThat(processes).as("chromedriver and its browser").isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(processes).noneMatch(ProcessHandle::isAlive));
    }

    private static int colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
