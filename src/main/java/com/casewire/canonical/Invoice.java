package com.casewire.canonical;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A bill the firm issued (Clio: Bill; MyCase: invoice). Amounts in cents: {@code totalCents} with interest,
 * {@code balanceCents} still outstanding. {@code state} is the system's own word (Clio: {@code awaiting_payment},
 * {@code paid}, ...); {@code matterIds} lists the matters it covers (a client bill may cover several).
 * {@code billTo} is the contact the system addresses the bill to, with their email, when its API names one (Clio:
 * the bill's {@code client}); null when only the matter's client is known (MyCase).
 */
public record Invoice(String id, String number, String state, LocalDate issuedOn, LocalDate dueOn, long totalCents,
                      long balanceCents, String clientId, String clientName, List<String> matterIds, Contact billTo) {

    public Invoice {
        Objects.requireNonNull(id, "id");
        matterIds = matterIds == null ? List.of() : List.copyOf(matterIds);
    }

    /** A bill without a known recipient (the matter's client is asked instead). */
    public Invoice(String id, String number, String state, LocalDate issuedOn, LocalDate dueOn, long totalCents,
                   long balanceCents, String clientId, String clientName, List<String> matterIds) {
        this(id, number, state, issuedOn, dueOn, totalCents, balanceCents, clientId, clientName, matterIds, null);
    }

    /** Whole days past due on {@code today}; 0 when not yet due or without a due date. */
    public long daysOverdue(LocalDate today) {
        if (dueOn == null || !today.isAfter(dueOn)) {
            return 0;
        }
        return today.toEpochDay() - dueOn.toEpochDay();
    }
}
