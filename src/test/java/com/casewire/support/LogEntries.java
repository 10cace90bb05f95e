package com.casewire.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Captured console output (Spring Boot's format) split into log entries: a line that starts with a timestamp, plus
 * the lines under it (a stack trace, Camel's "Failed delivery" block). Tests that read the log judge entries rather
 * than lines, because other cached hub contexts in the same JVM log into the same console.
 */
public final class LogEntries {

    private static final Pattern HEADER = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*");

    /** One entry: its first line, and the whole text with the lines under it. */
    public record Entry(String header, String text) {

        public boolean hasStackTrace() {
            return text.contains("\n\tat ") || text.contains("\nStacktrace") || header.contains("Failed delivery for");
        }

        public boolean atInfoOrAbove() {
            return header.contains(" INFO ") || header.contains(" WARN ") || header.contains(" ERROR ");
        }
    }

    private LogEntries() {
    }

    public static List<Entry> of(String output) {
        List<Entry> entries = new ArrayList<>();
        StringBuilder text = null;
        String header = null;
        for (String line : output.split("\n", -1)) {
            if (HEADER.matcher(line).matches()) {
                if (header != null) {
                    entries.add(new Entry(header, text.toString()));
                }
                header = line;
                text = new StringBuilder(line);
            } else if (header != null) {
                text.append('\n').append(line);
            }
        }
        if (header != null) {
            entries.add(new Entry(header, text.toString()));
        }
        return entries;
    }
}
