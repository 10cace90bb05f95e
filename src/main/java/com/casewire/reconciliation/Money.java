package com.casewire.reconciliation;

import java.math.BigDecimal;

/** Cents as the report shows them: {@code 1234.50}, a minus sign for money out. */
final class Money {

    private Money() {
    }

    static String format(Long cents) {
        return cents == null ? "" : BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
