package org.egov.telemetry.http;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.egov.telemetry.core.EnumValidator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who may post telemetry: anyone, holders of a static bearer token, or holders of a JWT signed with a
 * configured key. Secrets may be given through Connect's config providers, e.g. {@code ${file:/etc/x:token}}.
 */
public final class AuthSettings {

    public static final String MODE = "auth.mode";
    public static final String TOKENS = "auth.tokens";
    public static final String JWT_SECRET = "auth.jwt.secret";
    public static final String JWT_PUBLIC_KEY = "auth.jwt.public.key";
    public static final String JWT_PUBLIC_KEY_FILE = "auth.jwt.public.key.file";
    public static final String JWT_ISSUER = "auth.jwt.issuer";
    public static final String JWT_AUDIENCE = "auth.jwt.audience";
    public static final String JWT_CLOCK_SKEW_SECONDS = "auth.jwt.clock.skew.seconds";

    /** How requests are authenticated. */
    public enum Mode { NONE, TOKEN, JWT }

    private static final EnumValidator<Mode> MODES = EnumValidator.of(Mode.class);
    private static final String GROUP = "Authentication";

    private final Mode mode;
    private final Password tokens;
    private final Password jwtSecret;
    private final String jwtPublicKey;
    private final String jwtPublicKeyFile;
    private final String issuer;
    private final String audience;
    private final int clockSkewSeconds;

    AuthSettings(AbstractConfig config) {
        mode = MODES.parse(config.getString(MODE));
        tokens = config.getPassword(TOKENS);
        jwtSecret = config.getPassword(JWT_SECRET);
        jwtPublicKey = config.getString(JWT_PUBLIC_KEY);
        jwtPublicKeyFile = config.getString(JWT_PUBLIC_KEY_FILE);
        issuer = config.getString(JWT_ISSUER);
        audience = config.getString(JWT_AUDIENCE);
        clockSkewSeconds = config.getInt(JWT_CLOCK_SKEW_SECONDS);
    }

    static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(MODE, Type.STRING, "none", MODES, Importance.HIGH,
                        "'none': anyone may post; 'token': the request must carry 'Authorization: Bearer <t>' with "
                                + "one of auth.tokens; 'jwt': it must carry a JWT signed with auth.jwt.secret (HS256/384/"
                                + "512) or with the private key of auth.jwt.public.key(.file) (RS256/384/512), not "
                                + "expired. Others are answered 401. GET /health and CORS preflights are never checked.",
                        GROUP, ++order, Width.SHORT, MODE, MODES)
                .define(TOKENS, Type.PASSWORD, "", Importance.HIGH,
                        "Comma-separated bearer tokens accepted when auth.mode=token (compared in constant time). "
                                + "Give them through a config provider so that no secret sits in connector JSON.",
                        GROUP, ++order, Width.LONG, TOKENS)
                .define(JWT_SECRET, Type.PASSWORD, "", Importance.HIGH,
                        "Shared secret of HMAC-signed JWTs (at least 32 bytes), when auth.mode=jwt.",
                        GROUP, ++order, Width.LONG, JWT_SECRET)
                .define(JWT_PUBLIC_KEY, Type.STRING, "", Importance.HIGH,
                        "PEM text of the RSA public key (-----BEGIN PUBLIC KEY-----) that verifies RSA-signed JWTs, "
                                + "when auth.mode=jwt.", GROUP, ++order, Width.LONG, JWT_PUBLIC_KEY)
                .define(JWT_PUBLIC_KEY_FILE, Type.STRING, "", Importance.HIGH,
                        "Path, on every worker, of a PEM file holding that RSA public key; read when the task starts.",
                        GROUP, ++order, Width.LONG, JWT_PUBLIC_KEY_FILE)
                .define(JWT_ISSUER, Type.STRING, "", Importance.LOW,
                        "When set, a JWT's 'iss' claim must equal it.", GROUP, ++order, Width.MEDIUM, JWT_ISSUER)
                .define(JWT_AUDIENCE, Type.STRING, "", Importance.LOW,
                        "When set, a JWT's 'aud' claim must contain it.", GROUP, ++order, Width.MEDIUM, JWT_AUDIENCE)
                .define(JWT_CLOCK_SKEW_SECONDS, Type.INT, 60, Range.between(0, 3600), Importance.LOW,
                        "Tolerance when checking a JWT's exp and nbf claims, in seconds.",
                        GROUP, ++order, Width.SHORT, JWT_CLOCK_SKEW_SECONDS);
    }

    Mode mode() {
        return mode;
    }

    List<String> tokens() {
        return Arrays.stream(tokens.value().split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .collect(Collectors.toList());
    }

    /** Builds the authenticator; a misconfiguration is a ConfigException naming the key. */
    Authenticator authenticator() {
        switch (mode) {
            case TOKEN:
                if (tokens().isEmpty()) {
                    throw new ConfigException(TOKENS, "[hidden]", "at least one token is required when auth.mode=token");
                }
                return new StaticTokenAuthenticator(tokens());
            case JWT:
                return jwtAuthenticator();
            default:
                return Authenticator.NONE;
        }
    }

    private Authenticator jwtAuthenticator() {
        String secret = jwtSecret.value();
        String pem = publicKeyPem();
        if (secret.isEmpty() == pem.isEmpty()) {
            throw new ConfigException(JWT_SECRET, "[hidden]",
                    "auth.mode=jwt needs exactly one key: auth.jwt.secret, or auth.jwt.public.key(.file)");
        }
        JwtAuthenticator.Claims claims = new JwtAuthenticator.Claims(issuer, audience, clockSkewSeconds);
        if (!secret.isEmpty()) {
            if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new ConfigException(JWT_SECRET, "[hidden]", "an HMAC secret needs at least 32 bytes");
            }
            return JwtAuthenticator.hmac(secret.getBytes(StandardCharsets.UTF_8), claims);
        }
        try {
            return JwtAuthenticator.rsa(pem, claims);
        } catch (IllegalArgumentException e) {
            String key = jwtPublicKey.isEmpty() ? JWT_PUBLIC_KEY_FILE : JWT_PUBLIC_KEY;
            throw new ConfigException(key, jwtPublicKey.isEmpty() ? jwtPublicKeyFile : "[PEM]",
                    "not an RSA public key in PEM form: " + e.getMessage());
        }
    }

    private String publicKeyPem() {
        if (!jwtPublicKey.isBlank() && !jwtPublicKeyFile.isBlank()) {
            throw new ConfigException(JWT_PUBLIC_KEY_FILE, jwtPublicKeyFile,
                    "give the public key either inline (auth.jwt.public.key) or as a file, not both");
        }
        if (!jwtPublicKeyFile.isBlank()) {
            try {
                return Files.readString(Path.of(jwtPublicKeyFile), StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(JWT_PUBLIC_KEY_FILE, jwtPublicKeyFile, "cannot be read: " + e.getMessage());
            }
        }
        return jwtPublicKey.trim();
    }
}
