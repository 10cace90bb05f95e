package com.casewire.canonical;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Money the practice-management system records as received: a payment on the operating account or a deposit on a
 * trust account, dated {@code date}. {@code reference} is the text the system keeps for matching it to the payment's
 * source (the gateway's reference), null when it has none.
 */
public record RecordedPayment(String id, LocalDate date, long amountCents, String reference, Account account,
                              String description) {

    /** Which kind of bank account received it. */
    public enum Account { OPERATING, TRUST }

    public RecordedPayment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
    }
}
