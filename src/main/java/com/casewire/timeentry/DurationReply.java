package com.casewire.timeentry;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An attorney's text reply to a prompt read as a duration: {@code 1.2} (hours), {@code LOG 1.2 drafted motion}
 * (hours and a description), {@code 45m}, {@code 1.5h}, {@code 1h30m}, {@code 90 min}. Anything else is not a
 * duration (the sender gets a short help reply).
 */
record DurationReply(long seconds, String note) {

    // hours-and-minutes and minutes first, so "45 min" is not read as 45 hours with the note "min"
    private static final Pattern REPLY = Pattern.compile("(?i)^\\s*(?:log\\s+)?(?:"
            + "(\\d{1,2})\\s*h\\s*(\\d{1,2})\\s*m(?:in|ins|inutes?)?"
            + "|(\\d{1,3})\\s*(?:m|min|mins|minutes?)"
            + "|(\\d{1,2}(?:\\.\\d{1,2})?|\\.\\d{1,2})\\s*(?:h|hr|hrs|hours?)?"
            + ")(?![a-z0-9.])(?:\\s+(.*?))?\\s*$", Pattern.DOTALL);
    /** Longer than a day is a typo, not work. */
    static final long MAX_SECONDS = 24 * 3600;

    public static Optional<DurationReply> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = REPLY.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long seconds;
        if (m.group(1) != null) {
            seconds = Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60;
        } else if (m.group(3) != null) {
            seconds = Long.parseLong(m.group(3)) * 60;
        } else {
            seconds = new BigDecimal(m.group(4).startsWith(".") ? "0" + m.group(4) : m.group(4))
                    .multiply(BigDecimal.valueOf(3600)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        }
        if (seconds <= 0 || seconds > MAX_SECONDS) {
            return Optional.empty();
        }
        String note = m.group(5) == null || m.group(5).isBlank() ? null : m.group(5).strip();
        // a bare number followed by words is only a time entry when it says LOG: "2 questions about..." is not
        if (note != null && !text.strip().toLowerCase(Locale.ROOT).startsWith("log")) {
            return Optional.empty();
        }
        return Optional.of(new DurationReply(seconds, note));
    }
}
