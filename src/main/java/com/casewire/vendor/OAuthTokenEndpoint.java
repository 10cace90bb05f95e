package com.casewire.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * One call to an OAuth 2.0 token endpoint (RFC 6749): a form POST, a JSON answer with {@code access_token} and
 * optionally {@code refresh_token} and {@code expires_in} (§5.1), errors as {"error","error_description"} (§5.2).
 * Clio, Google and MyCase all speak it; each keeps its own grant, form order, caching and rotation rules.
 */
public final class OAuthTokenEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A successful token response; {@code refreshToken} null when none was sent, {@code expiresIn} 0 when unknown. */
    public record Token(String accessToken, String refreshToken, long expiresInSeconds) {
    }

    private OAuthTokenEndpoint() {
    }

    /**
     * POSTs the form to {@code tokenUrl} and returns the token. A refused request is a {@link VendorException}
     * classified by {@link VendorHttp} with the §5.2 error code and description; an answer without an access token,
     * or one that is not JSON, is a permanent one.
     */
    public static Token request(VendorHttp http, String vendor, RatePacer pacer, String tokenUrl, String form) {
        HttpRequest request = http.request(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return parse(vendor, http.send(vendor, pacer, request, OAuthTokenEndpoint::errorDetail).body());
    }

    /** A §5.1 answer; a permanent {@link VendorException} when it is not JSON or has no access token. */
    public static Token parse(String vendor, String body) {
        JsonNode token;
        try {
            token = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new VendorException(vendor, false, 0, null, "token response is not JSON: " + e.getMessage(), null, e);
        }
        String access = text(token, "access_token");
        if (access == null) {
            throw new VendorException(vendor, false, 0, null, "token response has no access_token", null, null);
        }
        return new Token(access, text(token, "refresh_token"), Math.max(0, token.path("expires_in").asLong(0)));
    }

    /** The §5.2 error: {@code error} as the code, {@code error_description} (else the code) as the message; null when the body is not one. */
    public static VendorHttp.ErrorDetail errorDetail(String body) {
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body);
            String code = text(error, "error");
            if (code == null) {
                return null;
            }
            String description = text(error, "error_description");
            return new VendorHttp.ErrorDetail(code, description == null ? code : description);
        } catch (IOException | RuntimeException notJson) {
            return null; // VendorHttp reports the raw text
        }
    }

    /** {@code application/x-www-form-urlencoded} of name, value pairs, in the order given; a null value is empty. */
    public static String form(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("form needs name, value pairs");
        }
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
        }
        return form.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.path(field);
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        return value.asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
