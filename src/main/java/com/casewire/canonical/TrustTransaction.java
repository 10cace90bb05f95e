package com.casewire.canonical;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One movement on a trust bank account: {@code amountCents} is positive for funds in and negative for funds out;
 * {@code balanceAfterCents} is the account's balance the system reported with it (null when not reported).
 */
public record TrustTransaction(String id, String accountId, String matterId, LocalDate date, long amountCents,
                               Long balanceAfterCents, String description) {

    public TrustTransaction {
        Objects.requireNonNull(id, "id");
    }
}
