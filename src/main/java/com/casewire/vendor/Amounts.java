package com.casewire.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as practice-management systems report it (decimal currency units, as a JSON number or a numeric string) to
 * the hub's cents, rounded half-up. The gateway (LawPay) already reports cents and does not come through here.
 */
public final class Amounts {

    private Amounts() {
    }

    /** Decimal currency units to cents; 0 when absent or null. A non-numeric value is an error, never a zero. */
    public static long cents(JsonNode amount) {
        if (amount == null || amount.isMissingNode() || amount.isNull()) {
            return 0;
        }
        return cents(amount.isNumber() ? amount.decimalValue() : new BigDecimal(amount.asText().strip()));
    }

    public static long cents(BigDecimal units) {
        return units.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
