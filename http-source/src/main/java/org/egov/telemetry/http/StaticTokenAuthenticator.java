package org.egov.telemetry.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Accepts one of a fixed set of bearer tokens. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time taken does not tell how much of a guess was right.
 */
final class StaticTokenAuthenticator implements Authenticator {

    private final List<byte[]> digests;

    StaticTokenAuthenticator(List<String> tokens) {
        this.digests = tokens.stream().map(StaticTokenAuthenticator::sha256).collect(Collectors.toList());
    }

    @Override
    public boolean allows(String authorization) {
        String token = Authenticator.bearerToken(authorization);
        if (token == null) {
            return false;
        }
        byte[] digest = sha256(token);
        boolean match = false;
        for (byte[] accepted : digests) {
            match |= MessageDigest.isEqual(accepted, digest);
        }
        return match;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
