package com.casewire.canonical;

import java.util.Objects;

/**
 * What a matter holds in one trust (client) bank account, in cents. Reminders about it never move money.
 */
public record TrustBalance(String matterId, String accountId, String accountName, long balanceCents) {

    public TrustBalance {
        Objects.requireNonNull(matterId, "matterId");
    }
}
