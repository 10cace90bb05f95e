package com.casewire.canonical;

import java.time.Instant;
import java.util.Objects;

/**
 * Money the payment gateway (LawPay) took: one charge transaction as the gateway lists it. {@code reference} is the
 * merchant's correlation text (an invoice number the pay link carried), null when the charge has none.
 */
public record GatewayTransaction(String id, Instant created, String status, long amountCents, String reference,
                                 String accountId) {

    public GatewayTransaction {
        Objects.requireNonNull(id, "id");
    }
}
