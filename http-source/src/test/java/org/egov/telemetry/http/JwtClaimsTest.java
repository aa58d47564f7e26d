package org.egov.telemetry.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The claims checks of auth.mode=jwt, set up through the connector's config and run against a fixed clock.
 * Each refusal is paired with a token that differs only in the claim under test and is accepted.
 */
class JwtClaimsTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void tokenWithoutExpIsRefusedByDefault() throws Exception {
        Authenticator auth = authenticator(Map.of());
        assertThat(auth.allows(bearer(claims().build()))).isFalse();
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).build()))).isTrue();
    }

    @Test
    void tokenWithoutExpIsAcceptedWhenExpIsNotRequired() throws Exception {
        Authenticator auth = authenticator(Map.of(AuthSettings.JWT_REQUIRE_EXP, "false"));
        assertThat(auth.allows(bearer(claims().build()))).isTrue();
        assertThat(auth.allows(bearer(claims().expirationTime(at(-600)).build()))).isFalse();
    }

    @Test
    void expiredTokenIsRefusedOnceBeyondTheSkew() throws Exception {
        Authenticator auth = authenticator(Map.of());
        assertThat(auth.allows(bearer(claims().expirationTime(at(-61)).build()))).isFalse();
        assertThat(auth.allows(bearer(claims().expirationTime(at(-59)).build()))).isTrue();
    }

    @Test
    void notBeforeInTheFutureBeyondTheSkewIsRefused() throws Exception {
        Authenticator auth = authenticator(Map.of(AuthSettings.JWT_CLOCK_SKEW_SECONDS, "10"));
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).notBeforeTime(at(11)).build()))).isFalse();
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).notBeforeTime(at(-1)).build()))).isTrue();
    }

    @Test
    void notBeforeInTheFutureWithinTheSkewIsAccepted() throws Exception {
        Authenticator auth = authenticator(Map.of(AuthSettings.JWT_CLOCK_SKEW_SECONDS, "10"));
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).notBeforeTime(at(9)).build()))).isTrue();
    }

    @Test
    void issuedAtInTheFutureBeyondTheSkewIsRefused() throws Exception {
        Authenticator auth = authenticator(Map.of(AuthSettings.JWT_CLOCK_SKEW_SECONDS, "10"));
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).issueTime(at(11)).build()))).isFalse();
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).issueTime(at(9)).build()))).isTrue();
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() throws Exception {
        Authenticator auth = authenticator(Map.of(AuthSettings.JWT_ISSUER, "sunbird"));
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).issuer("someone-else").build()))).isFalse();
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).build()))).isFalse();
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).issuer("sunbird").build()))).isTrue();
    }

    @Test
    void tokenForNoneOfTheAudiencesIsRefused() throws Exception {
        Authenticator auth = authenticator(Map.of(AuthSettings.JWT_AUDIENCE, "telemetry, portal"));
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).audience(List.of("billing", "crm")).build())))
                .isFalse();
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).build()))).isFalse();
    }

    @Test
    void tokenNamingOneOfTheAudiencesIsAccepted() throws Exception {
        Authenticator auth = authenticator(Map.of(AuthSettings.JWT_AUDIENCE, "telemetry, portal"));
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).audience(List.of("billing", "portal")).build())))
                .isTrue();
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).audience("telemetry").build()))).isTrue();
    }

    @Test
    void validTokenIsAcceptedUntilTheClockPassesItsExpiry() throws Exception {
        Map<String, String> settings = Map.of(AuthSettings.JWT_ISSUER, "sunbird",
                AuthSettings.JWT_AUDIENCE, "telemetry", AuthSettings.JWT_CLOCK_SKEW_SECONDS, "5");
        String token = bearer(claims().issuer("sunbird").audience("telemetry").issueTime(at(-10))
                .notBeforeTime(at(-10)).expirationTime(at(300)).build());
        assertThat(authenticator(settings, NOW).allows(token)).isTrue();
        assertThat(authenticator(settings, NOW.plusSeconds(304)).allows(token)).isTrue();
        assertThat(authenticator(settings, NOW.plusSeconds(306)).allows(token)).isFalse();
    }

    @Test
    void issuerAndAudienceAreNotCheckedWhenNotConfigured() throws Exception {
        Authenticator auth = authenticator(Map.of());
        assertThat(auth.allows(bearer(claims().expirationTime(at(600)).issuer("anyone").audience("anything")
                .build()))).isTrue();
    }

    @Test
    void anAudienceNamedTwiceOrEmptyIsAConfigError() {
        assertThatThrownBy(() -> authenticator(Map.of(AuthSettings.JWT_AUDIENCE, "telemetry, portal, telemetry")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("named twice");
        assertThatThrownBy(() -> authenticator(Map.of(AuthSettings.JWT_AUDIENCE, "telemetry,,portal")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("may not be empty");
    }

    private static Authenticator authenticator(Map<String, String> settings) {
        return authenticator(settings, NOW);
    }

    private static Authenticator authenticator(Map<String, String> settings, Instant now) {
        Map<String, String> props = new HashMap<>(settings);
        props.put(HttpSourceConfig.TOPIC, "batches");
        props.put(AuthSettings.MODE, "jwt");
        props.put(AuthSettings.JWT_SECRET, SECRET);
        return new HttpSourceConfig(props).auth().authenticator(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("user-1");
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    private static String bearer(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return "Bearer " + jwt.serialize();
    }
}
