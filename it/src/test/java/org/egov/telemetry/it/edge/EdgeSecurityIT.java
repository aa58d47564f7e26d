package org.egov.telemetry.it.edge;

import org.egov.telemetry.it.support.CommittedRecords;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.edge.IngestClient.Answer;
import org.egov.telemetry.it.support.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Authentication and TLS of the HTTP source end to end, on a worker of its own whose FileConfigProvider hands
 * the connectors their secrets ({@code ${file:...}}), as an operator keeps them out of connector JSON: a static
 * token, HS256 and RS256 JWTs, and HTTPS with a keystore made by keytool. Each accepted batch is in Kafka.
 */
class EdgeSecurityIT {

    private static final Logger log = LoggerFactory.getLogger(EdgeSecurityIT.class);
    private static final String CONNECTOR_CLASS = "org.egov.telemetry.http.TelemetryHttpSourceConnector";

    private static EmbeddedConnectCluster connect;
    private static Path secrets;
    private static Properties secretValues;
    private static Path keystore;
    private static String keystorePassword;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("edge-security-it");
        secrets = dir.resolve("edge-secrets.properties");
        keystorePassword = "ks-" + UUID.randomUUID();
        Files.writeString(secrets, EdgeBatches.resource("/edge/edge-secrets.properties")
                + "keystore.password=" + keystorePassword + "\n");
        secretValues = new Properties();
        try (var in = Files.newInputStream(secrets)) {
            secretValues.load(in);
        }
        keystore = TestKeystore.create(dir, keystorePassword);
        connect = EdgeCluster.start("edge-security", Map.of(
                "config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void staticTokenFromAConfigProviderIsRequiredAndItsBatchReachesKafka() throws Exception {
        Map<String, String> config = Map.of("auth.mode", "token", "auth.tokens", provided("ingest.token"));
        IngestClient client = register("edge-sec-token", config, "http");

        assertThat(post(client, "no-token", Map.of()).status()).isEqualTo(401);
        assertThat(post(client, "wrong-token", bearer("not-" + secret("ingest.token"))).status()).isEqualTo(401);
        Answer accepted = post(client, "right-token", bearer(secret("ingest.token")));
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);

        assertThat(msgidsInTopic("edge-sec-token")).containsExactly(run + "-right-token");
        // The worker resolved the placeholder; the stored connector config still holds only the placeholder.
        assertThat(connect.connectorInfo("edge-sec-token").config()).containsEntry("auth.tokens", provided("ingest.token"));
    }

    @Test
    void hmacSignedJwtIsAcceptedUntilItExpires() throws Exception {
        Map<String, String> config = Map.of("auth.mode", "jwt", "auth.jwt.secret", provided("jwt.secret"));
        IngestClient client = register("edge-sec-hs256", config, "http");
        MACSigner signer = new MACSigner(secret("jwt.secret").getBytes(StandardCharsets.UTF_8));

        Answer valid = post(client, "valid-hs256", bearer(jwt(JWSAlgorithm.HS256, signer, Duration.ofMinutes(10))));
        assertThat(valid.status()).as("%s", valid).isEqualTo(200);
        Answer expired = post(client, "expired-hs256", bearer(jwt(JWSAlgorithm.HS256, signer, Duration.ofMinutes(-10))));
        assertThat(expired.status()).as("%s", expired).isEqualTo(401);

        assertThat(msgidsInTopic("edge-sec-hs256")).containsExactly(run + "-valid-hs256");
    }

    @Test
    void rsaSignedJwtIsCheckedWithThePublicKeyFile() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path pem = Files.createTempFile(secrets.getParent(), "jwt-public", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n", StandardOpenOption.TRUNCATE_EXISTING);
        Map<String, String> config = Map.of("auth.mode", "jwt", "auth.jwt.public.key.file", pem.toString());
        IngestClient client = register("edge-sec-rs256", config, "http");
        RSASSASigner signer = new RSASSASigner(keys.getPrivate());

        Answer valid = post(client, "valid-rs256", bearer(jwt(JWSAlgorithm.RS256, signer, Duration.ofMinutes(10))));
        assertThat(valid.status()).as("%s", valid).isEqualTo(200);
        Answer expired = post(client, "expired-rs256", bearer(jwt(JWSAlgorithm.RS256, signer, Duration.ofMinutes(-10))));
        assertThat(expired.status()).as("%s", expired).isEqualTo(401);
        KeyPair otherKeys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Answer foreign = post(client, "foreign-rs256",
                bearer(jwt(JWSAlgorithm.RS256, new RSASSASigner(otherKeys.getPrivate()), Duration.ofMinutes(10))));
        assertThat(foreign.status()).as("signed with another key: %s", foreign).isEqualTo(401);

        assertThat(msgidsInTopic("edge-sec-rs256")).containsExactly(run + "-valid-rs256");
    }

    @Test
    void httpsServesClientsThatTrustTheListenerCertificate() throws Exception {
        Map<String, String> config = Map.of("ssl.enabled", "true", "ssl.keystore.location", keystore.toString(),
                "ssl.keystore.password", provided("keystore.password"));
        IngestClient https = register("edge-sec-tls", config, "https");

        Answer accepted = post(https, "over-https", Map.of());
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        URI plain = URI.create(https.endpoint().toString().replaceFirst("^https:", "http:"));
        Answer overPlainHttp = post(new IngestClient(plain), "over-plain-http", Map.of());
        log.info("Plain HTTP to the TLS port got: {}", overPlainHttp);
        assertThat(overPlainHttp.ok()).as("plain HTTP to the TLS port: %s", overPlainHttp).isFalse();
        IngestClient untrusting = new IngestClient(https.endpoint());
        Answer unverified = post(untrusting, "untrusted-certificate", Map.of());
        assertThat(unverified.failure()).as("a client that does not trust the certificate: %s", unverified)
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);

        assertThat(msgidsInTopic("edge-sec-tls")).containsExactly(run + "-over-https");
    }

    @Test
    void wrongKeystorePasswordIsReportedOnTheKeystorePasswordKey() {
        Map<String, String> config = new HashMap<>(EdgeCluster.httpSource(connect, "edge-sec-validate", FreePorts.next()));
        config.put("name", "edge-sec-validate");
        config.put("ssl.enabled", "true");
        config.put("ssl.keystore.location", keystore.toString());
        config.put("ssl.keystore.password", "not-" + keystorePassword);

        ConfigInfos result = connect.validateConnectorConfig(CONNECTOR_CLASS, config);

        assertThat(result.errorCount()).as("%s", result).isEqualTo(1);
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigInfo info : result.configs()) {
            if (info.configValue() != null && !info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        }
        assertThat(errors).containsOnlyKeys("ssl.keystore.password");
        assertThat(errors.get("ssl.keystore.password").get(0)).contains("keystore").doesNotContain(keystorePassword);

        config.put("ssl.keystore.password", keystorePassword);
        assertThat(connect.validateConnectorConfig(CONNECTOR_CLASS, config).errorCount())
                .as("the right password").isZero();
    }

    /** Registers the shipped connector JSON with {@code settings}, on topics of its own, and waits for its task. */
    private static IngestClient register(String name, Map<String, String> settings, String scheme) throws Exception {
        int port = FreePorts.next();
        Map<String, String> config = EdgeCluster.httpSource(connect, name, port);
        config.putAll(settings);
        connect.configureConnector(name, config);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            ConnectorStateInfo status = connect.connectorStatus(name);
            return "RUNNING".equals(status.connector().state()) && status.tasks().size() == 1
                    && "RUNNING".equals(status.tasks().get(0).state());
        });
        URI endpoint = URI.create(scheme + "://127.0.0.1:" + port + "/v1/telemetry");
        return "https".equals(scheme)
                ? new IngestClient(endpoint, TestKeystore.trusting(keystore, keystorePassword))
                : new IngestClient(endpoint);
    }

    private Answer post(IngestClient client, String label, Map<String, String> headers) throws InterruptedException {
        Map<String, String> all = new HashMap<>(headers);
        all.put("x-device-id", "device-" + run);
        return client.post(EdgeBatches.batch(run + "-" + label, "device-" + run, 2), all);
    }

    /** The params.msgid of this run's batches in {@code <prefix>-batches}, read with read_committed. */
    private List<String> msgidsInTopic(String prefix) {
        return CommittedRecords.readAll(connect.kafka(), prefix + "-batches").stream()
                .map(EdgeSecurityIT::msgid).filter(msgid -> msgid != null && msgid.startsWith(run)).toList();
    }

    private static String msgid(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Json.parseObject(record.value()).get("params") instanceof Map<?, ?> params
                    && params.get("msgid") instanceof String msgid ? msgid : null;
        } catch (IOException e) {
            throw new AssertionError("not JSON at offset " + record.offset(), e);
        }
    }

    private static String jwt(JWSAlgorithm algorithm, JWSSigner signer, Duration validFor) throws Exception {
        Instant now = Instant.now();
        Instant issued = validFor.isNegative() ? now.plus(validFor).minus(Duration.ofMinutes(10)) : now;
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("edge-it-user").issueTime(Date.from(issued))
                .expirationTime(Date.from(now.plus(validFor))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** A config provider placeholder for {@code key} of the secrets file. */
    private static String provided(String key) {
        return "${file:" + secrets + ":" + key + "}";
    }

    private static String secret(String key) {
        return secretValues.getProperty(key);
    }
}
