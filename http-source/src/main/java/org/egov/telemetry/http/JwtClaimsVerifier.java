package org.egov.telemetry.http;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.util.DateUtils;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The claims a JWT must hold besides its signature, checked by Nimbus' {@link DefaultJWTClaimsVerifier}:
 * {@code exp} (required unless allowed absent) and {@code nbf} with a clock skew, {@code iss} when an issuer is
 * configured, {@code aud} naming one of the configured audiences when there are any. Nimbus does not look at
 * {@code iat}; an {@code iat} later than now plus the skew is refused here.
 */
final class JwtClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    private final Clock clock;

    /**
     * @param issuer   the required {@code iss}, or empty for any
     * @param audience accepted {@code aud} values, or empty for any
     */
    JwtClaimsVerifier(boolean requireExp, int clockSkewSeconds, String issuer, List<String> audience, Clock clock) {
        super(audience.isEmpty() ? null : Set.copyOf(audience), exactMatch(issuer),
                requireExp ? Set.of(JWTClaimNames.EXPIRATION_TIME) : Set.of(), null);
        setMaxClockSkew(clockSkewSeconds);
        this.clock = clock;
    }

    private static JWTClaimsSet exactMatch(String issuer) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        if (!issuer.isEmpty()) {
            claims.issuer(issuer);
        }
        return claims.build();
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        super.verify(claims, context);
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && !DateUtils.isBefore(issuedAt, currentTime(), getMaxClockSkew())) {
            throw new BadJWTException("JWT issued in the future");
        }
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }
}
