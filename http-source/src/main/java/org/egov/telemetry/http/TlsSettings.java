package org.egov.telemetry.http;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.egov.telemetry.core.ConfigFragment;
import org.apache.kafka.common.config.ConfigException;
import java.util.Map;

/** TLS on the listener, with Kafka's {@code ssl.*} names for the keystore. */
public final class TlsSettings extends ConfigFragment {

    public static final String ENABLED = "ssl.enabled";
    public static final String KEYSTORE_LOCATION = "ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "ssl.keystore.type";
    public static final String KEY_PASSWORD = "ssl.key.password";
    public static final String ENABLED_PROTOCOLS = "ssl.enabled.protocols";
    public static final String CIPHER_SUITES = "ssl.cipher.suites";

    private static final String GROUP = "TLS";

    private final boolean enabled;
    private final String keystoreLocation;
    private final Password keystorePassword;
    private final String keystoreType;
    private final Password keyPassword;
    private final List<String> protocols;
    private final List<String> cipherSuites;

    TlsSettings(AbstractConfig config) {
        super(config);
        enabled = config.getBoolean(ENABLED);
        keystoreLocation = config.getString(KEYSTORE_LOCATION);
        keystorePassword = config.getPassword(KEYSTORE_PASSWORD);
        keystoreType = config.getString(KEYSTORE_TYPE);
        keyPassword = config.getPassword(KEY_PASSWORD);
        protocols = config.getList(ENABLED_PROTOCOLS);
        cipherSuites = config.getList(CIPHER_SUITES);
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(ENABLED, Type.BOOLEAN, false, Importance.HIGH,
                        "Serve HTTPS instead of HTTP, with the key and certificate of ssl.keystore.location.",
                        GROUP, ++order, Width.SHORT, ENABLED)
                .define(KEYSTORE_LOCATION, Type.STRING, "", Importance.HIGH,
                        "Path, on every worker, of the keystore holding the listener's private key and certificate.",
                        GROUP, ++order, Width.LONG, KEYSTORE_LOCATION)
                .define(KEYSTORE_PASSWORD, Type.PASSWORD, "", Importance.HIGH,
                        "Password of the keystore.", GROUP, ++order, Width.MEDIUM, KEYSTORE_PASSWORD)
                .define(KEYSTORE_TYPE, Type.STRING, "PKCS12", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Keystore format, e.g. PKCS12 or JKS.", GROUP, ++order, Width.SHORT, KEYSTORE_TYPE)
                .define(KEY_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM,
                        "Password of the private key, when it differs from the keystore's.",
                        GROUP, ++order, Width.MEDIUM, KEY_PASSWORD)
                .define(ENABLED_PROTOCOLS, Type.LIST, "TLSv1.3,TLSv1.2", Importance.LOW,
                        "TLS protocol versions the listener accepts.", GROUP, ++order, Width.MEDIUM, ENABLED_PROTOCOLS)
                .define(CIPHER_SUITES, Type.LIST, "", Importance.LOW,
                        "Cipher suites the listener accepts; empty for the JVM's defaults.",
                        GROUP, ++order, Width.LONG, CIPHER_SUITES);
    }

    boolean enabled() {
        return enabled;
    }

    /** Opens the keystore once, so that a wrong path, type or password fails before the task starts. */
    void check() {
        if (!enabled) {
            return;
        }
        if (keystoreLocation.isBlank()) {
            throw new KeyedConfigException(KEYSTORE_LOCATION, keystoreLocation, "is required when ssl.enabled=true");
        }
        Path path = Path.of(keystoreLocation);
        if (!Files.isReadable(path)) {
            throw new KeyedConfigException(KEYSTORE_LOCATION, keystoreLocation, "is not a readable file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore.getInstance(keystoreType).load(in, keystorePassword.value().toCharArray());
        } catch (Exception e) {
            throw new KeyedConfigException(KEYSTORE_PASSWORD, "[hidden]",
                    "the keystore cannot be opened as " + keystoreType + " with this password: " + e.getMessage());
        }
    }

    SslContextFactory.Server contextFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStorePath(keystoreLocation);
        factory.setKeyStoreType(keystoreType);
        factory.setKeyStorePassword(keystorePassword.value());
        if (!keyPassword.value().isEmpty()) {
            factory.setKeyManagerPassword(keyPassword.value());
        }
        factory.setIncludeProtocols(protocols.toArray(String[]::new));
        if (!cipherSuites.isEmpty()) {
            factory.setIncludeCipherSuites(cipherSuites.toArray(String[]::new));
        }
        return factory;
    }

    /** What needs several keys or the file they name; a problem that names no key goes to {@code ENABLED}. */
    @Override
    public void checkAcrossKeys(Map<String, String> problems) {
        KeyedConfigException.collect(problems, ENABLED, this::check);
    }
}
