package org.egov.telemetry.es;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.egov.telemetry.core.ConfigFragment;
import org.egov.telemetry.core.EnumValidator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/** Config fragment: where the nodes are and how to reach them (authentication, TLS, compression, timeouts). */
public final class ConnectionConfig extends ConfigFragment {

    /** How the connection to the nodes is protected. */
    enum SecurityProtocol { PLAINTEXT, SSL }

    static final String CONNECTION_URL = "connection.url";
    static final String CONNECTION_USERNAME = "connection.username";
    static final String CONNECTION_PASSWORD = "connection.password";
    static final String CONNECTION_API_KEY = "connection.api.key";
    static final String CONNECTION_COMPRESSION = "connection.compression";
    static final String CONNECTION_TIMEOUT_MS = "connection.timeout.ms";
    static final String READ_TIMEOUT_MS = "read.timeout.ms";
    static final String SECURITY_PROTOCOL = "elastic.security.protocol";
    static final String HTTPS_PREFIX = "elastic.https.";
    static final String TRUSTSTORE_LOCATION = HTTPS_PREFIX + "ssl.truststore.location";
    static final String TRUSTSTORE_PASSWORD = HTTPS_PREFIX + "ssl.truststore.password";
    static final String TRUSTSTORE_TYPE = HTTPS_PREFIX + "ssl.truststore.type";
    static final String KEYSTORE_LOCATION = HTTPS_PREFIX + "ssl.keystore.location";
    static final String KEYSTORE_PASSWORD = HTTPS_PREFIX + "ssl.keystore.password";
    static final String KEYSTORE_TYPE = HTTPS_PREFIX + "ssl.keystore.type";
    static final String KEY_PASSWORD = HTTPS_PREFIX + "ssl.key.password";
    static final String ENDPOINT_IDENTIFICATION = HTTPS_PREFIX + "ssl.endpoint.identification.algorithm";

    static final EnumValidator<SecurityProtocol> PROTOCOLS = EnumValidator.of(SecurityProtocol.class);
    private static final String GROUP = "Connector";
    private static final String SECURITY_GROUP = "Security";
    private static final ConfigDef.Validator OPTIONAL = new OptionalNonBlank();
    private static final ConfigDef.Validator STORE_TYPES = ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS");

    ConnectionConfig(AbstractConfig config) {
        super(config);
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        int security = 0;
        return def
                .define(CONNECTION_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new UrlListValidator(), Importance.HIGH,
                        "Comma-separated HTTP(S) URLs of the Elasticsearch or OpenSearch nodes, e.g. "
                                + "'http://es1:9200,http://es2:9200'. Requests are spread over the nodes and a node "
                                + "that fails is skipped for a while. When the URLs carry a path (a reverse proxy "
                                + "prefix) it must be the same for all of them.",
                        GROUP, ++order, Width.LONG, "Connection URLs")
                .define(CONNECTION_USERNAME, Type.STRING, null, OPTIONAL, Importance.MEDIUM,
                        "User name for HTTP basic authentication. Leave unset when the cluster has no security "
                                + "or " + CONNECTION_API_KEY + " is used.",
                        GROUP, ++order, Width.SHORT, "Connection username")
                .define(CONNECTION_PASSWORD, Type.PASSWORD, null, OPTIONAL, Importance.MEDIUM,
                        "Password for HTTP basic authentication; used only together with " + CONNECTION_USERNAME
                                + ". May come from a Connect config provider, e.g. ${file:/secrets:es.password}.",
                        GROUP, ++order, Width.SHORT, "Connection password")
                .define(CONNECTION_API_KEY, Type.PASSWORD, null, OPTIONAL, Importance.MEDIUM,
                        "Elasticsearch API key, sent as 'Authorization: ApiKey ...': either 'id:api_key' or the "
                                + "base64 'encoded' value the create-API-key call answers. Cannot be combined with "
                                + CONNECTION_USERNAME + ". May come from a Connect config provider.",
                        GROUP, ++order, Width.MEDIUM, "Connection API key")
                .define(CONNECTION_COMPRESSION, Type.BOOLEAN, false, null, Importance.LOW,
                        "Whether to gzip-compress bulk request bodies.",
                        GROUP, ++order, Width.SHORT, "Compression")
                .define(CONNECTION_TIMEOUT_MS, Type.INT, 1000, Range.atLeast(0), Importance.LOW,
                        "How long, in milliseconds, to wait for a TCP connection to a node to be established "
                                + "(0 = no limit).",
                        GROUP, ++order, Width.SHORT, "Connection timeout")
                .define(READ_TIMEOUT_MS, Type.INT, 3000, Range.atLeast(0), Importance.LOW,
                        "How long, in milliseconds, to wait for a node to answer a request (socket read timeout, "
                                + "0 = no limit). A timed-out bulk request is retried.",
                        GROUP, ++order, Width.SHORT, "Read timeout")
                .define(SECURITY_PROTOCOL, Type.STRING, "plaintext", PROTOCOLS, Importance.MEDIUM,
                        "'ssl' to speak HTTPS to the nodes (every URL must then be https://) with the trust and "
                                + "key stores below; 'plaintext' for HTTP.",
                        SECURITY_GROUP, ++security, Width.SHORT, "Security protocol", PROTOCOLS)
                .define(TRUSTSTORE_LOCATION, Type.STRING, null, OPTIONAL, Importance.MEDIUM,
                        "Trust store file with the certificates (or CA) of the nodes. Unset: the JVM's default "
                                + "trust store.",
                        SECURITY_GROUP, ++security, Width.LONG, "Trust store location")
                .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, OPTIONAL, Importance.MEDIUM,
                        "Password of the trust store file.",
                        SECURITY_GROUP, ++security, Width.SHORT, "Trust store password")
                .define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12", STORE_TYPES, Importance.LOW,
                        "File format of the trust store.",
                        SECURITY_GROUP, ++security, Width.SHORT, "Trust store type")
                .define(KEYSTORE_LOCATION, Type.STRING, null, OPTIONAL, Importance.MEDIUM,
                        "Key store file with the client certificate and key, for nodes that require TLS client "
                                + "authentication. Unset: no client certificate.",
                        SECURITY_GROUP, ++security, Width.LONG, "Key store location")
                .define(KEYSTORE_PASSWORD, Type.PASSWORD, null, OPTIONAL, Importance.MEDIUM,
                        "Password of the key store file.",
                        SECURITY_GROUP, ++security, Width.SHORT, "Key store password")
                .define(KEYSTORE_TYPE, Type.STRING, "PKCS12", STORE_TYPES, Importance.LOW,
                        "File format of the key store.",
                        SECURITY_GROUP, ++security, Width.SHORT, "Key store type")
                .define(KEY_PASSWORD, Type.PASSWORD, null, OPTIONAL, Importance.LOW,
                        "Password of the private key in the key store; unset: the key store password.",
                        SECURITY_GROUP, ++security, Width.SHORT, "Key password")
                .define(ENDPOINT_IDENTIFICATION, Type.STRING, "https", ConfigDef.CaseInsensitiveValidString.in("https", ""),
                        Importance.LOW,
                        "'https' checks that each node's certificate names the host of its URL; empty turns that "
                                + "check off (self-signed test certificates only).",
                        SECURITY_GROUP, ++security, Width.SHORT, "Endpoint identification");
    }

    /** Credentials of one kind, and URLs that agree with the security protocol. */
    @Override
    public void checkAcrossKeys(Map<String, String> problems) {
        if (password() != null && username() == null) {
            problems.put(CONNECTION_PASSWORD, "is set but " + CONNECTION_USERNAME + " is not");
        }
        if (apiKey() != null && username() != null) {
            problems.put(CONNECTION_API_KEY, "cannot be combined with " + CONNECTION_USERNAME + "; use one of them");
        }
        boolean https = connectionUrls().stream().anyMatch(url -> url.trim().startsWith("https:"));
        boolean http = connectionUrls().stream().anyMatch(url -> url.trim().startsWith("http:"));
        if (securityProtocol() == SecurityProtocol.SSL && http) {
            problems.put(SECURITY_PROTOCOL, "is ssl but " + CONNECTION_URL + " has http:// URLs");
        } else if (securityProtocol() == SecurityProtocol.PLAINTEXT && https) {
            problems.put(CONNECTION_URL, "has https:// URLs; set " + SECURITY_PROTOCOL + "=ssl");
        }
    }

    public List<String> connectionUrls() {
        return config.getList(ConnectionConfig.CONNECTION_URL);
    }

    public String username() {
        return config.getString(ConnectionConfig.CONNECTION_USERNAME);
    }

    public Password password() {
        return config.getPassword(ConnectionConfig.CONNECTION_PASSWORD);
    }

    public Password apiKey() {
        return config.getPassword(ConnectionConfig.CONNECTION_API_KEY);
    }

    public boolean compression() {
        return config.getBoolean(ConnectionConfig.CONNECTION_COMPRESSION);
    }

    public int connectionTimeoutMs() {
        return config.getInt(ConnectionConfig.CONNECTION_TIMEOUT_MS);
    }

    public int readTimeoutMs() {
        return config.getInt(ConnectionConfig.READ_TIMEOUT_MS);
    }

    public SecurityProtocol securityProtocol() {
        return ConnectionConfig.PROTOCOLS.parse(config.getString(ConnectionConfig.SECURITY_PROTOCOL));
    }

    public String truststoreLocation() {
        return config.getString(ConnectionConfig.TRUSTSTORE_LOCATION);
    }

    public Password truststorePassword() {
        return config.getPassword(ConnectionConfig.TRUSTSTORE_PASSWORD);
    }

    public String truststoreType() {
        return config.getString(ConnectionConfig.TRUSTSTORE_TYPE);
    }

    public String keystoreLocation() {
        return config.getString(ConnectionConfig.KEYSTORE_LOCATION);
    }

    public Password keystorePassword() {
        return config.getPassword(ConnectionConfig.KEYSTORE_PASSWORD);
    }

    public String keystoreType() {
        return config.getString(ConnectionConfig.KEYSTORE_TYPE);
    }

    public Password keyPassword() {
        return config.getPassword(ConnectionConfig.KEY_PASSWORD);
    }

    public boolean verifyHostnames() {
        return !config.getString(ConnectionConfig.ENDPOINT_IDENTIFICATION).isBlank();
    }

    /** The path all connection URLs share ("" when they have none). */
    public String pathPrefix() {
        return ConnectionConfig.UrlListValidator.pathOf(connectionUrls().get(0));
    }

    /** Every entry an absolute http(s) URL with a host; all with the same path. */
    static final class UrlListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof List<?> urls) || urls.isEmpty()) {
                throw new ConfigException(name, value, "at least one URL is required");
            }
            String path = null;
            for (Object url : urls) {
                String thisPath;
                try {
                    URI uri = new URI(String.valueOf(url).trim());
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        throw new ConfigException(name, value, "not an http:// or https:// URL with a host: " + url);
                    }
                    thisPath = pathOf(String.valueOf(url));
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, value, "not a URL: " + url);
                }
                if (path != null && !path.equals(thisPath)) {
                    throw new ConfigException(name, value, "all URLs must have the same path");
                }
                path = thisPath;
            }
        }

        static String pathOf(String url) {
            String path = URI.create(url.trim()).getRawPath();
            if (path == null || path.equals("/")) {
                return "";
            }
            return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }

        @Override
        public String toString() {
            return "http:// or https:// URLs, e.g. http://localhost:9200";
        }
    }

    /** Unset, or a value that is not blank. */
    static final class OptionalNonBlank implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            Object plain = value instanceof Password password ? password.value() : value;
            if (plain != null && plain.toString().isBlank()) {
                throw new ConfigException(name, value instanceof Password ? "[hidden]" : value,
                        "must be unset or not blank");
            }
        }

        @Override
        public String toString() {
            return "unset or a non-blank string";
        }
    }
}
