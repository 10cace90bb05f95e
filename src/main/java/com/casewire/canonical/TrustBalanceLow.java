package com.casewire.canonical;

import java.time.Instant;
import java.util.Objects;

/**
 * A matter's trust retainer fell below its threshold: raised once per episode (the retainer workflow re-arms only
 * after the balance has been back at or above the threshold). Amounts in cents. {@code availableCents} is the trust
 * balance less unbilled work when the firm's rules count it; {@code amountCents} is what restores
 * {@code replenishToCents}. {@code tier} says where the threshold came from (matter-field, matter, practice-area,
 * firm); {@code trigger} what made the hub look (activity, payment, sweep, ladder).
 */
public record TrustBalanceLow(String matterId, int episode, long balanceCents, long unbilledCents, long availableCents,
                              long thresholdCents, long replenishToCents, long amountCents, String tier, String trigger,
                              Instant observedAt) {

    public TrustBalanceLow {
        Objects.requireNonNull(matterId, "matterId");
        Objects.requireNonNull(observedAt, "observedAt");
        if (amountCents <= 0) {
            throw new IllegalArgumentException("a low balance needs a positive amount to restore: " + amountCents);
        }
    }
}
