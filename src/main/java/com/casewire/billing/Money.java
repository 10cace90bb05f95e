package com.casewire.billing;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How amounts and dates read in billing messages and PDFs: "$1,250.00", "December 7, 2026". */
final class Money {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private Money() {
    }

    static String format(long cents) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        return format.format(java.math.BigDecimal.valueOf(cents, 2));
    }

    static String date(LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }
}
