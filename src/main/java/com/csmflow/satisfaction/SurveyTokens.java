package com.csmflow.satisfaction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The survey link's token: {@code <survey reference>.<expiry, epoch seconds>.<HMAC-SHA256 of both>}, signed
 * with {@code csmflow.satisfaction.token-secret}. Whoever holds the link may answer that one survey until it
 * expires, with no login; a token whose signature does not match (forged, or the reference or expiry changed)
 * is not a survey link at all. The expiry is part of what is signed, so it cannot be moved.
 */
@Component
class SurveyTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2,8}-\\d{4}-\\d{1,12}\\.\\d{1,12}\\.[A-Za-z0-9_-]{43}");

    /** A token whose signature matched: the survey and when the link expires. */
    record Signed(String reference, Instant expiresAt) {}

    private static final Logger log = LoggerFactory.getLogger(SurveyTokens.class);

    private final byte[] secret;

    SurveyTokens(@Value("${csmflow.satisfaction.token-secret:}") String secret) {
        if (secret == null || secret.isBlank()) {
            // links then work only until this node restarts and only on this node: production sets the secret
            log.warn("csmflow.satisfaction.token-secret (CSMFLOW_SURVEY_TOKEN_SECRET) is not set: survey links are"
                    + " signed with a random key of this run");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.secret = random;
        } else if (secret.length() < 32) {
            throw new IllegalStateException("csmflow.satisfaction.token-secret must have at least 32 characters");
        } else {
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    String issue(String reference, Instant expiresAt) {
        String payload = reference + "." + expiresAt.getEpochSecond();
        return payload + "." + signature(payload);
    }

    /** The survey the token was signed for; empty when it is malformed or its signature does not match. */
    Optional<Signed> verify(String token) {
        if (token == null || token.length() > 128 || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        String payload = token.substring(0, last);
        byte[] given = token.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = signature(payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, expected)) {
            return Optional.empty();
        }
        int dot = payload.lastIndexOf('.');
        return Optional.of(new Signed(
                payload.substring(0, dot), Instant.ofEpochSecond(Long.parseLong(payload.substring(dot + 1)))));
    }

    private String signature(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
