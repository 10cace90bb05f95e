package com.casewire.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Approve, edit and reject links for the attorney's email: {@code <base>/approvals/<id>/<action>?exp=<epoch
 * seconds>&sig=<hex>}, where sig is HMAC-SHA256 over {@code <id>:<action>:<exp>} with
 * {@code hub.status-updates.approval-secret}. A link works for one approval and one action until it expires;
 * changing the id, action or expiry breaks the signature.
 */
public final class ApprovalLinks {

    public static final List<String> ACTIONS = List.of("approve", "edit", "reject");

    /** Why a link was refused, or OK. */
    public enum Check { OK, BAD_SIGNATURE, EXPIRED, UNKNOWN_ACTION }

    private final String baseUrl;
    private final byte[] secret;

    public ApprovalLinks(String baseUrl, String secret) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String link(long approvalId, String action, Instant expires) {
        long exp = expires.getEpochSecond();
        return baseUrl + "/approvals/" + approvalId + "/" + action + "?exp=" + exp + "&sig=" + sign(approvalId, action, exp);
    }

    public Check check(long approvalId, String action, long exp, String sig, Instant now) {
        if (!ACTIONS.contains(action)) {
            return Check.UNKNOWN_ACTION;
        }
        byte[] expected = sign(approvalId, action, exp).getBytes(StandardCharsets.US_ASCII);
        byte[] given = (sig == null ? "" : sig.toLowerCase(java.util.Locale.ROOT)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Check.BAD_SIGNATURE;
        }
        return now.getEpochSecond() > exp ? Check.EXPIRED : Check.OK;
    }

    String sign(long approvalId, String action, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((approvalId + ":" + action + ":" + exp).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
