package com.casewire.timeentry;

import com.casewire.canonical.CalendarEvent;
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
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.Yaml;

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

    public static TimeEntryRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read time-entry rules " + file.toAbsolutePath(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static TimeEntryRules parse(InputStream in, String file) {
        Object loaded = new Yaml().load(in);
        if (!(loaded instanceof Map<?, ?> doc)) {
            throw new IllegalArgumentException(file + ": expected a mapping (billable, increment, followUpAfter, ...)");
        }
        Map<String, Object> root = (Map<String, Object>) doc;
        Map<String, Object> billable = root.get("billable") instanceof Map<?, ?> b ? (Map<String, Object>) b : Map.of();
        List<String> calendars = strings(billable.get("calendars"), file, "billable.calendars");
        List<Pattern> includes = patterns(billable.get("titleIncludes"), file, "billable.titleIncludes");
        List<Pattern> excludes = patterns(billable.get("titleExcludes"), file, "billable.titleExcludes");
        double hours;
        try {
            hours = Double.parseDouble(String.valueOf(root.getOrDefault("increment", "0.1")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": increment must be a number of hours such as 0.1");
        }
        long increment = Math.round(hours * 3600);
        if (increment < 60 || increment > 3600) {
            throw new IllegalArgumentException(file + ": increment must be between 0.0167 h (1 minute) and 1 h, not " + hours);
        }
        Duration followUp = duration(root.getOrDefault("followUpAfter", "30m"), file, "followUpAfter");
        Duration linkValidFor = duration(root.getOrDefault("linkValidFor", "72h"), file, "linkValidFor");
        LocalTime sweep = time(root.getOrDefault("sweepAt", "17:00"), file, "sweepAt");
        LocalTime recovery = time(root.getOrDefault("recoveryAt", "08:00"), file, "recoveryAt");
        Object quiet = root.getOrDefault("promptsWaitForQuietHours", false);
        if (!(quiet instanceof Boolean wait)) {
            throw new IllegalArgumentException(file + ": promptsWaitForQuietHours must be true or false");
        }
        Map<String, Object> documents = root.get("documents") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        Object enabled = documents.getOrDefault("enabled", true);
        if (!(enabled instanceof Boolean documentsEnabled)) {
            throw new IllegalArgumentException(file + ": documents.enabled must be true or false");
        }
        Duration quietFor = duration(documents.getOrDefault("quietFor", "15m"), file, "documents.quietFor");
        return new TimeEntryRules(calendars, includes, excludes, increment, followUp, sweep, recovery, wait, linkValidFor,
                documentsEnabled, quietFor);
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

    private static List<String> strings(Object value, String file, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": " + key + " must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static List<Pattern> patterns(Object value, String file, String key) {
        List<Pattern> out = new ArrayList<>();
        for (String p : strings(value, file, key)) {
            try {
                out.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(file + ": " + key + " has a bad pattern '" + p + "': " + e.getDescription());
            }
        }
        return out;
    }

    public static Duration duration(Object value, String file, String key) {
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
            throw new IllegalArgumentException(file + ": " + key + " must be a duration such as 30m, 2h or PT30M, not '" + value + "'");
        }
    }

    private static LocalTime time(Object value, String file, String key) {
        try {
            return LocalTime.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": " + key + " must be a time such as \"17:00\", not '" + value + "'");
        }
    }
}
