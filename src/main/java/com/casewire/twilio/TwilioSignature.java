package com.casewire.twilio;

import com.casewire.vendor.Sha256;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed with the Auth Token, over the full URL
 * Twilio requested followed by every POST parameter sorted by name (then by value) as name+value with no
 * separators. For JSON bodies Twilio adds {@code bodySHA256} (hex SHA-256 of the raw body) to the query
 * and signs the URL alone. Like the official validators, the URL is accepted with or without the
 * default port (443/80).
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /** Form-encoded webhook: URL plus sorted parameters. */
    public static boolean validate(String authToken, String url, Map<String, List<String>> params, String signature) {
        if (signature == null || signature.isBlank() || authToken == null || authToken.isEmpty()) {
            return false;
        }
        boolean match = false;
        for (String candidate : urlVariants(url)) {
            match |= constantTimeEquals(compute(authToken, candidate, params), signature);
        }
        return match;
    }

    /** JSON-body webhook: the URL carries bodySHA256, which must also match the raw body. */
    public static boolean validateJsonBody(String authToken, String url, byte[] body, String signature) {
        Optional<String> declared = queryParam(url, "bodySHA256");
        if (declared.isEmpty() || !validate(authToken, url, Map.of(), signature)) {
            return false;
        }
        return constantTimeEquals(sha256Hex(body), declared.get().toLowerCase(java.util.Locale.ROOT));
    }

    public static String compute(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, List<String>> e : new TreeMap<>(params).entrySet()) {
            List<String> values = new ArrayList<>(e.getValue());
            values.sort(null);
            for (String value : values) {
                data.append(e.getKey()).append(value);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    static String sha256Hex(byte[] body) {
        return Sha256.hex(body);
    }

    /** The URL as given, with its default port added, and with any port removed. */
    static List<String> urlVariants(String url) {
        List<String> variants = new ArrayList<>(List.of(url));
        try {
            URI uri = new URI(url);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            URI withPort = new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort() == -1 ? defaultPort
                    : uri.getPort(), uri.getRawPath(), null, null);
            URI withoutPort = new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), -1, uri.getRawPath(), null, null);
            String tail = (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "")
                    + (uri.getRawFragment() != null ? "#" + uri.getRawFragment() : "");
            for (URI variant : List.of(withPort, withoutPort)) {
                String text = variant.toASCIIString() + tail;
                if (!variants.contains(text)) {
                    variants.add(text);
                }
            }
        } catch (URISyntaxException e) {
            // an unparsable URL can only match as given
        }
        return variants;
    }

    static Optional<String> queryParam(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
