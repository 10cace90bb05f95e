package com.casewire.retainer;

/**
 * When a matter's retainer counts as low, so that a balance hovering around its threshold reminds once: a matter that
 * is armed goes low when its available balance is below the threshold; a low matter stays low, however the balance
 * moves beneath the threshold, until it is seen at or above it, which re-arms it.
 */
final class Hysteresis {

    enum Transition {
        /** Armed and now below: one TrustBalanceLow, a new episode. */
        WENT_LOW,
        /** Already low and still below: nothing new is said (the ladder that runs carries on). */
        STILL_LOW,
        /** Low and now at or above the threshold: the ladder stops and the matter is armed again. */
        RECOVERED,
        /** Armed and not below. */
        STILL_OK
    }

    private Hysteresis() {
    }

    static Transition next(boolean low, long availableCents, long thresholdCents) {
        boolean below = availableCents < thresholdCents;
        if (low) {
            return below ? Transition.STILL_LOW : Transition.RECOVERED;
        }
        return below ? Transition.WENT_LOW : Transition.STILL_OK;
    }
}
