package org.egov.telemetry.it.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A headless Chromium driven through Selenium, for tests of web pages. It runs Debian's {@code chromium} with
 * Debian's {@code chromedriver} by their paths, so Selenium Manager never downloads a driver or browser; the
 * packages are installed first when missing (see {@link DebianPackages}). The browser console is recorded:
 * {@link #consoleErrors()} are the entries at SEVERE ({@code console.error}, uncaught exceptions, failed
 * loads) and {@link #uncaughtExceptions()} the JavaScript errors nothing caught. Close it to end the browser
 * and the chromedriver process.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final int WIDTH = 1400;
    public static final int HEIGHT = 1000;

    // without selenium-devtools on the classpath every start warns "Unable to find CDP implementation"; none is used
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final ProcessHandle driverProcess;
    private final Path driverLog;
    private final List<LogEntry> console = new ArrayList<>();
    private boolean closed;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, ProcessHandle driverProcess,
                             Path driverLog) {
        this.service = service;
        this.driver = driver;
        this.driverProcess = driverProcess;
        this.driverLog = driverLog;
    }

    /** Installs Chromium and its driver if needed, then starts chromedriver and a headless browser. */
    public static HeadlessChromium start() {
        DebianPackages.require(List.of(CHROMIUM, CHROMEDRIVER), "chromium", "chromium-driver", "fonts-liberation");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--disable-dev-shm-usage", "--window-size=" + WIDTH + "," + HEIGHT);
        if (DebianPackages.runningAsRoot()) {
            options.addArguments("--no-sandbox");   // Chromium refuses to run as root inside its sandbox
        }
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);

        Path driverLog;
        ChromeDriverService service;
        try {
            driverLog = Files.createTempDirectory("headless-chromium-").resolve("chromedriver.log");
            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(driverLog.toFile())
                    .build();
            service.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + CHROMEDRIVER, e);
        }
        ProcessHandle driverProcess = driverProcess(service.getUrl().getPort()).orElse(null);
        try {
            return new HeadlessChromium(service, new ChromeDriver(service, options), driverProcess, driverLog);
        } catch (RuntimeException e) {
            service.stop();
            throw new IllegalStateException("Chromium did not start; chromedriver's log is " + driverLog, e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Runs {@code script} in the page as the body of a function given {@code arguments}, and returns what it
     * returns; a read done in one script sees the page between two of its redraws, never halfway through one.
     */
    public Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** Loads {@code url} and waits for its load event. */
    public void open(String url) {
        driver.get(url);
    }

    /** Everything written to the browser console since the start, oldest first. */
    public synchronized List<LogEntry> console() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());   // each read empties the browser's
        return List.copyOf(console);
    }

    /** The console entries at SEVERE: console.error, uncaught exceptions and resources that failed to load. */
    public List<String> consoleErrors() {
        return console().stream().filter(entry -> entry.getLevel().equals(Level.SEVERE))
                .map(LogEntry::getMessage).toList();
    }

    /** The JavaScript exceptions (and promise rejections) no code caught. */
    public List<String> uncaughtExceptions() {
        return consoleErrors().stream().filter(message -> message.contains("Uncaught")).toList();
    }

    /** Writes a PNG of the viewport to {@code file}, creating its folder, and returns the file. */
    public Path screenshot(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser's version, e.g. 150.0.7871.100. */
    public String browserVersion() {
        return driver.getCapabilities().getBrowserVersion();
    }

    /** chromedriver's log file, for failure messages; deleted on {@link #close()}. */
    public Path driverLog() {
        return driverLog;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.quit();
        } catch (WebDriverException e) {
            // chromedriver is gone or hung: its browser is ended below
        } finally {
            List<ProcessHandle> leftovers = driverProcess == null ? List.of() : driverProcess.descendants().toList();
            service.stop();
            leftovers.forEach(ProcessHandle::destroyForcibly);
            if (driverProcess != null) {
                driverProcess.destroyForcibly();
            }
            try {
                Files.deleteIfExists(driverLog);
                Files.deleteIfExists(driverLog.getParent());
            } catch (IOException ignored) {
                // a log left in the temp folder is harmless
            }
        }
    }

    /** The chromedriver this JVM started on {@code port}. */
    private static Optional<ProcessHandle> driverProcess(int port) {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments()
                        .map(arguments -> Arrays.asList(arguments).contains("--port=" + port)).orElse(false))
                .findFirst();
    }
}
