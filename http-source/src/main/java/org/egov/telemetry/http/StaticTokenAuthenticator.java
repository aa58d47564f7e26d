package org.egov.telemetry.http;

import org.egov.telemetry.core.Sha256;

import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Accepts one of a fixed set of bearer tokens. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time taken does not tell how much of a guess was right.
 */
final class StaticTokenAuthenticator implements Authenticator {

    private final List<byte[]> digests;

    StaticTokenAuthenticator(List<String> tokens) {
        this.digests = tokens.stream().map(Sha256::of).collect(Collectors.toList());
    }

    @Override
    public boolean allows(String authorization) {
        String token = Authenticator.bearerToken(authorization);
        if (token == null) {
            return false;
        }
        byte[] digest = Sha256.of(token);
        boolean match = false;
        for (byte[] accepted : digests) {
            match |= MessageDigest.isEqual(accepted, digest);
        }
        return match;
    }
}
