package com.casewire.gcal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A Google service account from its JSON key ({@code client_email}, {@code private_key} as a PKCS#8 PEM,
 * {@code token_uri}, {@code private_key_id}), and the RS256-signed assertion of the JWT bearer grant
 * ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}): {@code iss} the account, {@code scope},
 * {@code aud} the token URI, {@code iat}/{@code exp} one hour apart, and {@code sub} the user to impersonate with
 * domain-wide delegation.
 */
final class GoogleServiceAccount {

    static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

    private final String clientEmail;
    private final String keyId;
    private final String tokenUri;
    private final PrivateKey privateKey;
    private final ObjectMapper json;

    private GoogleServiceAccount(String clientEmail, String keyId, String tokenUri, PrivateKey privateKey, ObjectMapper json) {
        this.clientEmail = clientEmail;
        this.keyId = keyId;
        this.tokenUri = tokenUri;
        this.privateKey = privateKey;
        this.json = json;
    }

    /**
     * Reads the key from {@code setting}: the key file's JSON content when it starts with '{', otherwise the path of
     * the key file. Fails with a message naming {@code hub.google.service-account-key} and what is wrong, never the key.
     */
    static GoogleServiceAccount load(String setting, ObjectMapper json) {
        String text;
        try {
            text = setting.strip().startsWith("{") ? setting : Files.readString(Path.of(setting.strip()));
        } catch (IOException e) {
            throw new IllegalStateException("hub.google.service-account-key: cannot read key file " + setting.strip()
                    + ": " + e.getMessage(), e);
        }
        JsonNode key;
        try {
            key = json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("hub.google.service-account-key is not a JSON service-account key", e);
        }
        String email = key.path("client_email").asText("");
        String pem = key.path("private_key").asText("");
        if (email.isBlank() || pem.isBlank()) {
            throw new IllegalStateException("hub.google.service-account-key must carry client_email and private_key");
        }
        return new GoogleServiceAccount(email, key.path("private_key_id").asText(null),
                key.path("token_uri").asText(null), privateKey(pem), json);
    }

    private static PrivateKey privateKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("hub.google.service-account-key: private_key is not a PKCS#8 RSA key in PEM", e);
        }
    }

    String clientEmail() {
        return clientEmail;
    }

    /** The key's token_uri, or null when the key has none. */
    String tokenUri() {
        return tokenUri;
    }

    /** The signed assertion: header.claims.signature, each base64url without padding. */
    String assertion(String scope, String audience, String subject, Instant now) {
        var header = json.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (keyId != null && !keyId.isBlank()) {
            header.put("kid", keyId);
        }
        var claims = json.createObjectNode()
                .put("iss", clientEmail)
                .put("scope", scope)
                .put("aud", audience)
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        if (subject != null && !subject.isBlank()) {
            claims.put("sub", subject);
        }
        String signingInput = base64Url(header.toString()) + "." + base64Url(claims.toString());
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the service-account assertion", e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
