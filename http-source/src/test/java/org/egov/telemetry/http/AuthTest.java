package org.egov.telemetry.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class AuthTest {

    private static final String BATCH = "{\"id\":\"x\",\"events\":[]}";
    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private EdgeHarness edge;

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void staticTokenIsRequiredWhenConfigured() throws Exception {
        edge = EdgeHarness.start(Map.of(AuthSettings.MODE, "token", AuthSettings.TOKENS, "tok-one, tok-two"));
        HttpResponse<String> missing = edge.post(BATCH, Map.of()).get();
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(edge.post(BATCH, Map.of("Authorization", "Bearer tok-three")).get().statusCode()).isEqualTo(401);
        assertThat(edge.post(BATCH, Map.of("Authorization", "tok-two")).get().statusCode()).isEqualTo(401);
        assertAccepted(Map.of("Authorization", "Bearer tok-two"));
        HttpResponse<String> health = edge.send(HttpRequest.newBuilder(edge.uri("/health")).GET());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void hmacSignedJwtIsAcceptedUntilItExpires() throws Exception {
        edge = EdgeHarness.start(Map.of(AuthSettings.MODE, "jwt", AuthSettings.JWT_SECRET, SECRET,
                AuthSettings.JWT_ISSUER, "sunbird", AuthSettings.JWT_CLOCK_SKEW_SECONDS, "0"));
        assertAccepted(bearer(hmac(claims("sunbird", 60_000))));
        assertThat(edge.post(BATCH, bearer(hmac(claims("sunbird", -60_000)))).get().statusCode()).isEqualTo(401);
        assertThat(edge.post(BATCH, bearer(hmac(claims("someone-else", 60_000)))).get().statusCode()).isEqualTo(401);
        String tampered = hmac(claims("sunbird", 60_000));
        tampered = tampered.substring(0, tampered.length() - 2) + (tampered.endsWith("A") ? "BB" : "AA");
        assertThat(edge.post(BATCH, bearer(tampered)).get().statusCode()).isEqualTo(401);
        assertThat(edge.post(BATCH, bearer("not.a.jwt")).get().statusCode()).isEqualTo(401);
    }

    @Test
    void rsaSignedJwtIsCheckedWithThePublicKeyFile() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path pem = Files.createTempFile("jwt", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        edge = EdgeHarness.start(Map.of(AuthSettings.MODE, "jwt", AuthSettings.JWT_PUBLIC_KEY_FILE, pem.toString()));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims(null, 60_000));
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        assertAccepted(bearer(jwt.serialize()));
        // An HMAC token made with the public key as secret must not pass (algorithm confusion).
        assertThat(edge.post(BATCH, bearer(hmac(claims(null, 60_000)))).get().statusCode()).isEqualTo(401);
    }

    private void assertAccepted(Map<String, String> headers) throws Exception {
        CompletableFuture<HttpResponse<String>> answer = edge.post(BATCH, headers);
        edge.pollAndCommit();
        assertThat(answer.get().statusCode()).isEqualTo(200);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static JWTClaimsSet claims(String issuer, long expiresInMs) {
        return new JWTClaimsSet.Builder().subject("user-1").issuer(issuer)
                .expirationTime(new Date(System.currentTimeMillis() + expiresInMs)).build();
    }

    private static String hmac(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes()));
        return jwt.serialize();
    }
}
