package org.egov.telemetry.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Set;

/**
 * Accepts a bearer JWT signed with the configured key whose claims pass a {@link JwtClaimsVerifier}. Uses
 * Nimbus JOSE+JWT for parsing, signature and claims checks.
 */
final class JwtAuthenticator implements Authenticator {

    private final JWSVerifier verifier;
    private final Set<JWSAlgorithm> algorithms;
    private final JwtClaimsVerifier claims;

    private JwtAuthenticator(JWSVerifier verifier, Set<JWSAlgorithm> algorithms, JwtClaimsVerifier claims) {
        this.verifier = verifier;
        this.algorithms = algorithms;
        this.claims = claims;
    }

    static JwtAuthenticator hmac(byte[] secret, JwtClaimsVerifier claims) {
        try {
            return new JwtAuthenticator(new MACVerifier(secret), JWSAlgorithm.Family.HMAC_SHA, claims);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when {@code pem} is not an RSA public key */
    static JwtAuthenticator rsa(String pem, JwtClaimsVerifier claims) {
        return new JwtAuthenticator(new RSASSAVerifier(rsaPublicKey(pem)), Set.of(JWSAlgorithm.RS256,
                JWSAlgorithm.RS384, JWSAlgorithm.RS512), claims);
    }

    /** Reads an X.509 SubjectPublicKeyInfo PEM block ({@code -----BEGIN PUBLIC KEY-----}) with the JDK alone. */
    static RSAPublicKey rsaPublicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        if (base64.isEmpty() || !pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new IllegalArgumentException("expected a -----BEGIN PUBLIC KEY----- block");
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public boolean allows(String authorization) {
        String token = Authenticator.bearerToken(authorization);
        if (token == null) {
            return false;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!algorithms.contains(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return false;
            }
            claims.verify(jwt.getJWTClaimsSet(), null);
            return true;
        } catch (ParseException | JOSEException | BadJWTException | RuntimeException e) {
            return false;
        }
    }
}
