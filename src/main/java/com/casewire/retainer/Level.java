package com.casewire.retainer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A retainer level, as the rules or a matter's custom field state it: a fixed amount ({@code 2500.00}), a share of the
 * agreed retainer ({@code 25%}; {@code agreed} is 100%), or hours of work at the matter's billing rate ({@code 10h}).
 * Thresholds and "replenish to" levels are both levels. Resolving one into cents needs the agreed retainer or the rate
 * for the last two kinds; without it the level has no value and the matter is skipped, never guessed.
 */
record Level(Kind kind, BigDecimal value) {

    enum Kind { AMOUNT, PERCENT, HOURS }

    Level {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("a retainer level must be positive, not " + value.toPlainString());
        }
        if (kind == Kind.PERCENT && value.compareTo(BigDecimal.valueOf(1000)) > 0) {
            throw new IllegalArgumentException("a share of the agreed retainer above 1000% is a typo: " + value.toPlainString());
        }
        value = value.stripTrailingZeros(); // 2500, 2500.0 and 2500.00 are one level
    }

    static Level amount(String decimal) {
        return new Level(Kind.AMOUNT, number(decimal));
    }

    static Level percent(String number) {
        return new Level(Kind.PERCENT, number(number));
    }

    static Level hours(String number) {
        return new Level(Kind.HOURS, number(number));
    }

    /**
     * A custom field's (or a rule's) text: {@code 2500}, {@code 2,500.00}, {@code $2500} (an amount), {@code 25%}
     * (a share of the agreed retainer), {@code agreed} (all of it), {@code 10h} or {@code 10 hours} (work at the rate).
     */
    static Level parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a retainer level is empty");
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace(",", "");
        if (t.equals("agreed")) {
            return new Level(Kind.PERCENT, BigDecimal.valueOf(100));
        }
        if (t.endsWith("%")) {
            return percent(t.substring(0, t.length() - 1));
        }
        for (String unit : new String[] {"hours", "hour", "hrs", "h"}) {
            if (t.endsWith(unit)) {
                return hours(t.substring(0, t.length() - unit.length()));
            }
        }
        return amount(t.startsWith("$") ? t.substring(1) : t);
    }

    /** The level in cents, or empty when it needs an agreed retainer or a rate that is not known. */
    OptionalLong cents(Long agreedCents, Long hourlyRateCents) {
        BigDecimal cents = switch (kind) {
            case AMOUNT -> value.movePointRight(2);
            case PERCENT -> agreedCents == null ? null : BigDecimal.valueOf(agreedCents).multiply(value).movePointLeft(2);
            case HOURS -> hourlyRateCents == null ? null : BigDecimal.valueOf(hourlyRateCents).multiply(value);
        };
        return cents == null ? OptionalLong.empty() : OptionalLong.of(cents.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** What it needs to have a value: "the agreed retainer", "a billing rate", or null. */
    String needs() {
        return switch (kind) {
            case AMOUNT -> null;
            case PERCENT -> "the agreed retainer";
            case HOURS -> "a billing rate";
        };
    }

    /** As the rules would write it: 2500.00, 25%, 10h. */
    @Override
    public String toString() {
        return switch (kind) {
            case AMOUNT -> value.setScale(2, RoundingMode.HALF_UP).toPlainString();
            case PERCENT -> value.stripTrailingZeros().toPlainString() + "%";
            case HOURS -> value.stripTrailingZeros().toPlainString() + "h";
        };
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text.strip() + "'");
        }
    }
}
