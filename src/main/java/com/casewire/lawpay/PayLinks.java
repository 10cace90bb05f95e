package com.casewire.lawpay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * "Pay this invoice" links to the firm's LawPay payment page ({@code hub.lawpay.payment-page-url}, the page's
 * {@code public_url}) with the amount and reference filled in and locked: {@code amount} (cents),
 * {@code reference} and {@code readOnlyFields=reference,amount}. The payment page's other field names are
 * unconfirmed, so no others are set.
 */
@Component
public class PayLinks {

    /** The gateway keeps up to 128 characters of reference. */
    static final int MAX_REFERENCE = 128;
    private static final Set<String> OURS = Set.of("amount", "reference", "readOnlyFields");

    private final LawpayProperties settings;

    PayLinks(LawpayProperties settings) {
        this.settings = settings;
    }

    /** A pay link for an invoice; the reference comes back on the payment event as its invoice reference. */
    public String forInvoice(long amountCents, String invoiceReference) {
        String page = settings.paymentPageUrl();
        if (page == null || page.isBlank()) {
            throw new IllegalStateException("hub.lawpay.payment-page-url is not set");
        }
        return build(page, amountCents, invoiceReference);
    }

    /**
     * Adds our parameters to the page URL, keeping its other query parameters and fragment; a parameter of
     * ours already on the URL is replaced, so the locked values are the ones we set.
     */
    static String build(String pageUrl, long amountCents, String reference) {
        if (amountCents <= 0) {
            throw new IllegalArgumentException("amount must be a positive number of cents: " + amountCents);
        }
        if (reference == null || reference.isBlank() || reference.length() > MAX_REFERENCE) {
            throw new IllegalArgumentException("reference must be 1 to " + MAX_REFERENCE + " characters");
        }
        String fragment = "";
        String base = pageUrl;
        int hash = base.indexOf('#');
        if (hash >= 0) {
            fragment = base.substring(hash);
            base = base.substring(0, hash);
        }
        List<String> params = new ArrayList<>();
        int question = base.indexOf('?');
        if (question >= 0) {
            for (String param : base.substring(question + 1).split("&")) {
                String name = param.split("=", 2)[0];
                if (!param.isEmpty() && !OURS.contains(name)) {
                    params.add(param); // kept as given: it is already encoded
                }
            }
            base = base.substring(0, question);
        }
        params.add("amount=" + amountCents);
        params.add("reference=" + encode(reference));
        params.add("readOnlyFields=reference,amount"); // as documented; ',' is legal in a query
        return base + "?" + String.join("&", params) + fragment;
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters (so a space is %20, never '+'). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
