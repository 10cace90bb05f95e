package com.casewire.canonical;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A bill the firm issued (Clio: Bill; MyCase: invoice). Amounts in cents: {@code totalCents} with interest,
 * {@code balanceCents} still outstanding. {@code state} is the system's own word (Clio: {@code awaiting_payment},
 * {@code paid}, ...); {@code matterIds} lists the matters it covers (a client bill may cover several).
 */
public record Invoice(String id, String number, String state, LocalDate issuedOn, LocalDate dueOn, long totalCents,
                      long balanceCents, String clientId, String clientName, List<String> matterIds) {

    public Invoice {
        Objects.requireNonNull(id, "id");
        matterIds = matterIds == null ? List.of() : List.copyOf(matterIds);
    }

    /** Whole days past due on {@code today}; 0 when not yet due or without a due date. */
    public long daysOverdue(LocalDate today) {
        if (dueOn == null || !today.isAfter(dueOn)) {
            return 0;
        }
        return today.toEpochDay() - dueOn.toEpochDay();
    }
}
