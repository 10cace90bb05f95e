package com.casewire.timeentry;

import com.casewire.canonical.CalendarEvent;
import com.casewire.routesdir.RulesYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The integrator's time-entry rules ({@code routes/time-entry.rules.yaml}): which ended events are billable, the
 * billing increment, the follow-up delay, the sweep and recovery times, quiet hours and how long links work.
 * Checked whole at start-up; a bad value stops the hub with the file and key named.
 */
public final class TimeEntryRules {

    /** The calendar id the hub gives Clio calendar entries, for {@code billable.calendars}. */
    public static final String CLIO_CALENDAR = "clio";

    private final List<String> calendars;
    private final List<Pattern> titleIncludes;
    private final List<Pattern> titleExcludes;
    private final long incrementSeconds;
    private final Duration followUpAfter;
    private final LocalTime sweepAt;
    private final LocalTime recoveryAt;
    private final boolean waitForQuietHours;
    private final Duration linkValidFor;
    private final boolean documentsEnabled;
    private final Duration documentsQuietFor;

    TimeEntryRules(List<String> calendars, List<Pattern> titleIncludes, List<Pattern> titleExcludes, long incrementSeconds,
                   Duration followUpAfter, LocalTime sweepAt, LocalTime recoveryAt, boolean waitForQuietHours,
                   Duration linkValidFor, boolean documentsEnabled, Duration documentsQuietFor) {
        this.documentsEnabled = documentsEnabled;
        this.documentsQuietFor = documentsQuietFor;
        this.calendars = List.copyOf(calendars);
        this.titleIncludes = List.copyOf(titleIncludes);
        this.titleExcludes = List.copyOf(titleExcludes);
        this.incrementSeconds = incrementSeconds;
        this.followUpAfter = followUpAfter;
        this.sweepAt = sweepAt;
        this.recoveryAt = recoveryAt;
        this.waitForQuietHours = waitForQuietHours;
        this.linkValidFor = linkValidFor;
    }

    /** The file as written: every key optional, each with the default the comment at the top of the file gives. */
    record File(Billable billable, String increment, String followUpAfter, String sweepAt, String recoveryAt,
                Boolean promptsWaitForQuietHours, String linkValidFor, Documents documents) {
    }

    record Billable(List<String> calendars, List<String> titleIncludes, List<String> titleExcludes) {
    }

    record Documents(Boolean enabled, String quietFor) {
    }

    public static TimeEntryRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read time-entry rules " + file.toAbsolutePath(), e);
        }
    }

    static TimeEntryRules parse(InputStream in, String file) {
        RulesYaml.Source src = RulesYaml.source(in, file);
        File f = src.bind(File.class);
        Billable billable = f.billable() == null ? new Billable(null, null, null) : f.billable();
        List<String> calendars = billable.calendars() == null ? List.of() : billable.calendars();
        List<Pattern> includes = patterns(billable.titleIncludes(), src, "titleIncludes");
        List<Pattern> excludes = patterns(billable.titleExcludes(), src, "titleExcludes");
        double hours;
        try {
            hours = Double.parseDouble(f.increment() == null ? "0.1" : f.increment().strip());
        } catch (NumberFormatException e) {
            throw src.problem("increment must be a number of hours such as 0.1", "increment");
        }
        long increment = Math.round(hours * 3600);
        if (increment < 60 || increment > 3600) {
            throw src.problem("increment must be between 0.0167 h (1 minute) and 1 h, not " + hours, "increment");
        }
        Duration followUp = duration(or(f.followUpAfter(), "30m"), src, "followUpAfter");
        Duration linkValidFor = duration(or(f.linkValidFor(), "72h"), src, "linkValidFor");
        LocalTime sweep = time(or(f.sweepAt(), "17:00"), src, "sweepAt");
        LocalTime recovery = time(or(f.recoveryAt(), "08:00"), src, "recoveryAt");
        boolean wait = Boolean.TRUE.equals(f.promptsWaitForQuietHours());
        Documents documents = f.documents() == null ? new Documents(null, null) : f.documents();
        boolean documentsEnabled = documents.enabled() == null || documents.enabled();
        Duration quietFor = duration(or(documents.quietFor(), "15m"), src, "documents", "quietFor");
        return new TimeEntryRules(calendars, includes, excludes, increment, followUp, sweep, recovery, wait, linkValidFor,
                documentsEnabled, quietFor);
    }

    private static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    /**
     * Whether an ended event asks for a time entry: it names a matter, is on a listed calendar (any when none are
     * listed), matches an include pattern (any when none are listed) and no exclude pattern.
     */
    public boolean billable(CalendarEvent event) {
        if (event == null || event.cancelled() || event.matterId() == null || event.matterId().isBlank()) {
            return false;
        }
        if (!calendars.isEmpty() && calendars.stream().noneMatch(c -> c.equalsIgnoreCase(calendarOf(event)))) {
            return false;
        }
        String title = event.summary() == null ? "" : event.summary();
        if (!titleIncludes.isEmpty() && titleIncludes.stream().noneMatch(p -> p.matcher(title).find())) {
            return false;
        }
        return titleExcludes.stream().noneMatch(p -> p.matcher(title).find());
    }

    private static String calendarOf(CalendarEvent event) {
        return event.calendarId().startsWith(CLIO_CALENDAR + ":") ? CLIO_CALENDAR : event.calendarId();
    }

    /** {@code seconds} rounded up to the billing increment (at least one increment). */
    public long round(long seconds) {
        long units = Math.max(1, (seconds + incrementSeconds - 1) / incrementSeconds);
        return units * incrementSeconds;
    }

    public long incrementSeconds() {
        return incrementSeconds;
    }

    public Duration followUpAfter() {
        return followUpAfter;
    }

    public LocalTime sweepAt() {
        return sweepAt;
    }

    public LocalTime recoveryAt() {
        return recoveryAt;
    }

    public boolean waitForQuietHours() {
        return waitForQuietHours;
    }

    /** For the routes' {@code casewireQuietHoursExempt} header: prompts skip quiet hours unless the rules say wait. */
    public boolean quietHoursExempt() {
        return !waitForQuietHours;
    }

    public Duration linkValidFor() {
        return linkValidFor;
    }

    /** Whether document changes on a matter prompt (trigger 2). */
    public boolean documentsEnabled() {
        return documentsEnabled;
    }

    /** How long after the last change to a matter's documents the prompt waits. */
    public Duration documentsQuietFor() {
        return documentsQuietFor;
    }

    private static List<Pattern> patterns(List<String> given, RulesYaml.Source src, String key) {
        List<Pattern> out = new ArrayList<>();
        List<String> patterns = given == null ? List.of() : given;
        for (int i = 0; i < patterns.size(); i++) {
            try {
                out.add(Pattern.compile(patterns.get(i)));
            } catch (PatternSyntaxException e) {
                throw src.problem("billable." + key + " has a bad pattern '" + patterns.get(i) + "': " + e.getDescription(),
                        "billable", key, i);
            }
        }
        return out;
    }

    private static Duration duration(String value, RulesYaml.Source src, Object... path) {
        try {
            return duration(value);
        } catch (IllegalArgumentException e) {
            throw src.problem(dotted(path) + " " + e.getMessage(), path);
        }
    }

    /**
     * A positive duration as the rules files write it: 30m, 2h, 3d, 45s or ISO-8601 (PT30M).
     *
     * @throws IllegalArgumentException saying what a duration looks like
     */
    public static Duration duration(String value) {
        String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (text.startsWith("p")) {
                d = Duration.parse(text.toUpperCase(Locale.ROOT));
            } else if (text.matches("\\d+[smhd]")) {
                long n = Long.parseLong(text.substring(0, text.length() - 1));
                d = switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                throw new DateTimeParseException("not a duration", text, 0);
            }
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", text, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a duration such as 30m, 2h or PT30M, not '" + value + "'");
        }
    }

    private static LocalTime time(String value, RulesYaml.Source src, String key) {
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw src.problem(key + " must be a time such as \"17:00\", not '" + value + "'", key);
        }
    }

    private static String dotted(Object... path) {
        return String.join(".", java.util.Arrays.stream(path).map(String::valueOf).toList());
    }
}
