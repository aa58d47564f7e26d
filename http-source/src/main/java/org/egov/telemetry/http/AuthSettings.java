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
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.egov.telemetry.core.ConfigFragment;
import java.util.Map;

/**
 * Who may post telemetry: anyone, holders of a static bearer token, or holders of a JWT signed with a
 * configured key. Secrets may be given through Connect's config providers, e.g. {@code ${file:/etc/x:token}}.
 */
public final class AuthSettings extends ConfigFragment {

    public static final String MODE = "auth.mode";
    public static final String TOKENS = "auth.tokens";
    public static final String JWT_SECRET = "auth.jwt.secret";
    public static final String JWT_PUBLIC_KEY = "auth.jwt.public.key";
    public static final String JWT_PUBLIC_KEY_FILE = "auth.jwt.public.key.file";
    public static final String JWT_ISSUER = "auth.jwt.issuer";
    public static final String JWT_AUDIENCE = "auth.jwt.audience";
    public static final String JWT_CLOCK_SKEW_SECONDS = "auth.jwt.clock.skew.seconds";
    public static final String JWT_REQUIRE_EXP = "auth.jwt.require.exp";

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
    private final List<String> audience;
    private final int clockSkewSeconds;
    private final boolean requireExp;

    AuthSettings(AbstractConfig config) {
        super(config);
        mode = MODES.parse(config.getString(MODE));
        tokens = config.getPassword(TOKENS);
        jwtSecret = config.getPassword(JWT_SECRET);
        jwtPublicKey = config.getString(JWT_PUBLIC_KEY);
        jwtPublicKeyFile = config.getString(JWT_PUBLIC_KEY_FILE);
        issuer = config.getString(JWT_ISSUER);
        audience = config.getList(JWT_AUDIENCE);
        clockSkewSeconds = config.getInt(JWT_CLOCK_SKEW_SECONDS);
        requireExp = config.getBoolean(JWT_REQUIRE_EXP);
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(MODE, Type.STRING, "none", MODES, Importance.HIGH,
                        "'none': anyone may post; 'token': the request must carry 'Authorization: Bearer <t>' with "
                                + "one of auth.tokens; 'jwt': it must carry a JWT signed with auth.jwt.secret (HS256/384/"
                                + "512) or with the private key of auth.jwt.public.key(.file) (RS256/384/512) whose "
                                + "claims pass the auth.jwt.* checks. Others are answered 401. GET /health and CORS "
                                + "preflights are never checked.",
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
                .define(JWT_AUDIENCE, Type.LIST, "", new AudienceValidator(), Importance.LOW,
                        "When set, a JWT's 'aud' claim must name at least one of these audiences (a token without "
                                + "'aud' is then refused). Empty: 'aud' is not checked.",
                        GROUP, ++order, Width.MEDIUM, JWT_AUDIENCE)
                .define(JWT_CLOCK_SKEW_SECONDS, Type.INT, 60, Range.between(0, 3600), Importance.LOW,
                        "Tolerance when checking a JWT's time claims, in seconds: a token is refused once 'exp' "
                                + "is this far in the past, or while 'nbf' or 'iat' is more than this in the future.",
                        GROUP, ++order, Width.SHORT, JWT_CLOCK_SKEW_SECONDS)
                .define(JWT_REQUIRE_EXP, Type.BOOLEAN, true, Importance.LOW,
                        "Whether a JWT must carry an 'exp' claim. Set it to false only for an issuer whose tokens "
                                + "have none; such tokens are then valid until the key changes.",
                        GROUP, ++order, Width.SHORT, JWT_REQUIRE_EXP);
    }

    Mode mode() {
        return mode;
    }

    List<String> tokens() {
        return Arrays.stream(tokens.value().split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .collect(Collectors.toList());
    }

    /** Builds the authenticator; a misconfiguration is a {@link KeyedConfigException} naming the key. */
    Authenticator authenticator() {
        return authenticator(Clock.systemUTC());
    }

    /** @param clock the time JWT claims are checked against */
    Authenticator authenticator(Clock clock) {
        switch (mode) {
            case TOKEN:
                if (tokens().isEmpty()) {
                    throw new KeyedConfigException(TOKENS, "[hidden]",
                            "at least one token is required when auth.mode=token");
                }
                return new StaticTokenAuthenticator(tokens());
            case JWT:
                return jwtAuthenticator(clock);
            default:
                return Authenticator.NONE;
        }
    }

    private Authenticator jwtAuthenticator(Clock clock) {
        String secret = jwtSecret.value();
        String pem = publicKeyPem();
        if (secret.isEmpty() == pem.isEmpty()) {
            throw new KeyedConfigException(JWT_SECRET, "[hidden]",
                    "auth.mode=jwt needs exactly one key: auth.jwt.secret, or auth.jwt.public.key(.file)");
        }
        JwtClaimsVerifier claims = new JwtClaimsVerifier(requireExp, clockSkewSeconds, issuer, audience, clock);
        if (!secret.isEmpty()) {
            if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new KeyedConfigException(JWT_SECRET, "[hidden]", "an HMAC secret needs at least 32 bytes");
            }
            return JwtAuthenticator.hmac(secret.getBytes(StandardCharsets.UTF_8), claims);
        }
        try {
            return JwtAuthenticator.rsa(pem, claims);
        } catch (IllegalArgumentException e) {
            String key = jwtPublicKey.isEmpty() ? JWT_PUBLIC_KEY_FILE : JWT_PUBLIC_KEY;
            throw new KeyedConfigException(key, jwtPublicKey.isEmpty() ? jwtPublicKeyFile : "[PEM]",
                    "not an RSA public key in PEM form: " + e.getMessage());
        }
    }

    private String publicKeyPem() {
        if (!jwtPublicKey.isBlank() && !jwtPublicKeyFile.isBlank()) {
            throw new KeyedConfigException(JWT_PUBLIC_KEY_FILE, jwtPublicKeyFile,
                    "give the public key either inline (auth.jwt.public.key) or as a file, not both");
        }
        if (!jwtPublicKeyFile.isBlank()) {
            try {
                return Files.readString(Path.of(jwtPublicKeyFile), StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                throw new KeyedConfigException(JWT_PUBLIC_KEY_FILE, jwtPublicKeyFile,
                        "cannot be read: " + e.getMessage());
            }
        }
        return jwtPublicKey.trim();
    }

    /** Audience names: none (not checked), or distinct non-empty names. */
    private static final class AudienceValidator implements ConfigDef.Validator {

        // Not ConfigDef.ValidList.anyNonDuplicateValues: that is new in Kafka 4.2, and the plugins run on 4.1.
        @Override
        public void ensureValid(String name, Object value) {
            List<?> audiences = value instanceof List<?> list ? list : List.of();
            Set<Object> seen = new HashSet<>();
            for (Object audience : audiences) {
                if (audience == null || audience.toString().isBlank()) {
                    throw new ConfigException(name, value, "an audience name may not be empty");
                }
                if (!seen.add(audience)) {
                    throw new ConfigException(name, value, "audience '" + audience + "' is named twice");
                }
            }
        }

        @Override
        public String toString() {
            return "distinct audience names, e.g. telemetry-api; empty for any";
        }
    }

    /** What needs several keys or the file they name; a problem that names no key goes to {@code MODE}. */
    @Override
    public void checkAcrossKeys(Map<String, String> problems) {
        KeyedConfigException.collect(problems, MODE, this::authenticator);
    }
}
