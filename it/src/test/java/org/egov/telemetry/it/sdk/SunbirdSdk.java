package org.egov.telemetry.it.sdk;

import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.support.ConnectorFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Sunbird telemetry SDK, {@code @project-sunbird/telemetry-sdk} {@value #VERSION} from the npm registry,
 * installed once per build into {@code it/target/sunbird-sdk} with the driver script and pinned dependencies of
 * {@code it/src/test/js}, and run in Node by {@link SdkDriver}.
 */
final class SunbirdSdk {

    static final String PACKAGE = "@project-sunbird/telemetry-sdk";
    static final String VERSION = "2.0.1";
    static final String DRIVER = "sunbird-sdk-driver.js";

    private static final List<String> SOURCES = List.of("package.json", "package-lock.json", DRIVER);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    private static SunbirdSdk installed;

    private final Path home;

    private SunbirdSdk(Path home) {
        this.home = home;
    }

    /** Node and npm present (see {@link NodeRuntime}), the SDK installed: once per JVM, npm once per build. */
    static synchronized SunbirdSdk install() {
        if (installed == null) {
            NodeRuntime node = NodeRuntime.require();
            Path sources = ConnectorFiles.repoRoot().resolve("it/src/test/js");
            Path home = ConnectorFiles.repoRoot().resolve("it/target/sunbird-sdk");
            try {
                Files.createDirectories(home);
                for (String file : SOURCES) {
                    Files.copy(sources.resolve(file), home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                // npm may rewrite its copy of the lock file, so what was installed is remembered apart
                String manifests = Files.readString(sources.resolve("package.json"))
                        + Files.readString(sources.resolve("package-lock.json"));
                Path stamp = home.resolve(".installed-from");
                if (!Files.exists(stamp) || !Files.readString(stamp).equals(manifests)
                        || !VERSION.equals(installedVersion(home))) {
                    Files.deleteIfExists(stamp);
                    Commands.run(List.of("npm", "install", "--no-audit", "--no-fund"), home,
                            Map.of("npm_config_update_notifier", "false"), NPM_TIMEOUT);
                    Files.writeString(stamp, manifests);
                }
                String version = installedVersion(home);
                if (!VERSION.equals(version)) {
                    throw new IllegalStateException("npm install left " + PACKAGE + " " + version + " in " + home
                            + ", expected " + VERSION);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not install " + PACKAGE + " into " + home, e);
            }
            System.out.println("Sunbird telemetry SDK " + VERSION + " in " + home + " (Node " + node.nodeVersion()
                    + ", npm " + node.npmVersion() + ")");
            installed = new SunbirdSdk(home);
        }
        return installed;
    }

    /**
     * Starts the driver on a plan (see the header of {@code it/src/test/js/sunbird-sdk-driver.js}) in a fresh
     * folder of its own, so each run is a new SDK instance with a fresh retry state.
     *
     * @param name        names the run's folder under {@code it/target/sunbird-sdk/runs}
     * @param initialize  what the driver hands to {@code $t.initialize}
     * @param calls       {@code $t} methods and their arguments, in order
     * @param holdResend  whether a request after an answer other than 2xx waits for {@link SdkDriver#releaseResend()}
     */
    SdkDriver start(String name, Map<String, Object> initialize, List<SdkCall> calls, boolean holdResend,
                    Duration deadline) {
        Path dir = home.resolve("runs").resolve(name);
        try {
            Files.createDirectories(dir);
            Path plan = dir.resolve("plan.json");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("initialize", initialize);
            json.put("calls", calls.stream().map(call -> Map.of("method", call.method(), "args", call.args())).toList());
            json.put("exchangeLog", dir.resolve("exchanges.ndjson").toString());
            json.put("resultFile", dir.resolve("result.json").toString());
            json.put("holdResendUntil", holdResend ? dir.resolve("resend.go").toString() : null);
            json.put("deadlineMs", deadline.toMillis());
            for (String leftOver : List.of("exchanges.ndjson", "result.json", "resend.go", "driver.log")) {
                Files.deleteIfExists(dir.resolve(leftOver));
            }
            Files.writeString(plan, Json.toString(json));
            return SdkDriver.start(home, dir, List.of("node", home.resolve(DRIVER).toString(), plan.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the SDK driver in " + dir, e);
        }
    }

    /** A method of the SDK's {@code $t} and its arguments. */
    record SdkCall(String method, List<Object> args) {

        static SdkCall of(String method, Object... args) {
            return new SdkCall(method, List.of(args));
        }
    }

    private static String installedVersion(Path home) throws IOException {
        Path manifest = home.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
        return Files.exists(manifest) ? String.valueOf(Json.parseObject(Files.readAllBytes(manifest)).get("version")) : null;
    }
}
