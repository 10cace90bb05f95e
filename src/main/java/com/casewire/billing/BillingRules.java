package com.casewire.billing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The integrator's billing rules ({@code routes/billing.rules.yaml}): the day each ladder stage is due, when the daily
 * run happens, which days are business days, and the monthly statement's age threshold. Checked whole at start-up;
 * a bad value stops the hub with the file and key named.
 */
final class BillingRules {

    private final int reminderDay;
    private final int secondNoticeDay;
    private final int escalationDay;
    private final LocalTime runAt;
    private final Set<DayOfWeek> businessDays;
    private final Set<LocalDate> holidays;
    private final boolean statementEnabled;
    private final int statementOlderThanDays;
    private final int escalationTaskDueInDays;

    BillingRules(int reminderDay, int secondNoticeDay, int escalationDay, LocalTime runAt, Set<DayOfWeek> businessDays,
                 Set<LocalDate> holidays, boolean statementEnabled, int statementOlderThanDays, int escalationTaskDueInDays) {
        this.reminderDay = reminderDay;
        this.secondNoticeDay = secondNoticeDay;
        this.escalationDay = escalationDay;
        this.runAt = runAt;
        this.businessDays = Set.copyOf(businessDays);
        this.holidays = Set.copyOf(holidays);
        this.statementEnabled = statementEnabled;
        this.statementOlderThanDays = statementOlderThanDays;
        this.escalationTaskDueInDays = escalationTaskDueInDays;
    }

    static BillingRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read billing rules " + file.toAbsolutePath(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static BillingRules parse(InputStream in, String file) {
        Object loaded = new Yaml().load(in);
        if (!(loaded instanceof Map<?, ?> doc)) {
            throw new IllegalArgumentException(file + ": expected a mapping (stages, runAt, businessDays, ...)");
        }
        Map<String, Object> root = (Map<String, Object>) doc;
        Map<String, Object> stages = map(root.get("stages"), file, "stages");
        int reminder = days(stages.getOrDefault("reminder", 7), file, "stages.reminder");
        int second = days(stages.getOrDefault("secondNotice", 14), file, "stages.secondNotice");
        int escalation = days(stages.getOrDefault("escalation", 21), file, "stages.escalation");
        if (!(reminder < second && second < escalation)) {
            throw new IllegalArgumentException(file + ": stages must come in order: reminder < secondNotice < escalation, not "
                    + reminder + ", " + second + ", " + escalation);
        }
        LocalTime runAt;
        try {
            runAt = LocalTime.parse(String.valueOf(root.getOrDefault("runAt", "09:00")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": runAt must be a time such as \"09:00\", not '" + root.get("runAt") + "'");
        }
        Set<DayOfWeek> businessDays = EnumSet.noneOf(DayOfWeek.class);
        for (Object day : list(root.getOrDefault("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")),
                file, "businessDays")) {
            try {
                businessDays.add(DayOfWeek.valueOf(String.valueOf(day).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": businessDays: '" + day + "' is not a day such as MONDAY");
            }
        }
        if (businessDays.isEmpty()) {
            throw new IllegalArgumentException(file + ": businessDays must name at least one day");
        }
        Set<LocalDate> holidays = new HashSet<>();
        for (Object day : list(root.getOrDefault("holidays", List.of()), file, "holidays")) {
            if (day instanceof java.util.Date date) { // YAML reads an unquoted 2026-12-25 as a timestamp at UTC midnight
                holidays.add(date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
                continue;
            }
            try {
                holidays.add(LocalDate.parse(String.valueOf(day)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(file + ": holidays: '" + day + "' is not a date such as 2026-12-25");
            }
        }
        Map<String, Object> statement = map(root.get("statement"), file, "statement");
        Object enabled = statement.getOrDefault("enabled", true);
        if (!(enabled instanceof Boolean statementEnabled)) {
            throw new IllegalArgumentException(file + ": statement.enabled must be true or false");
        }
        int olderThan = days(statement.getOrDefault("olderThanDays", 30), file, "statement.olderThanDays");
        int taskDue = days(root.getOrDefault("escalationTaskDueInDays", 2), file, "escalationTaskDueInDays");
        return new BillingRules(reminder, second, escalation, runAt, businessDays, holidays, statementEnabled, olderThan, taskDue);
    }

    /** The day past due on which {@code stage} is due. */
    int dayOf(LadderStage stage) {
        return switch (stage) {
            case REMINDER -> reminderDay;
            case SECOND_NOTICE -> secondNoticeDay;
            case ESCALATION -> escalationDay;
        };
    }

    LocalTime runAt() {
        return runAt;
    }

    boolean isBusinessDay(LocalDate day) {
        return businessDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The business day on or after {@code day}. */
    LocalDate businessDayFrom(LocalDate day) {
        LocalDate d = day;
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Whether {@code day} is the month's first business day: the statement day. */
    boolean isStatementDay(LocalDate day) {
        return statementEnabled && day.equals(businessDayFrom(day.withDayOfMonth(1)));
    }

    int statementOlderThanDays() {
        return statementOlderThanDays;
    }

    /** The escalation task's due date: this many business days after {@code day}. */
    LocalDate escalationTaskDue(LocalDate day) {
        LocalDate d = day;
        for (int i = 0; i < escalationTaskDueInDays; i++) {
            d = businessDayFrom(d.plusDays(1));
        }
        return d;
    }

    private static int days(Object value, String file, String key) {
        try {
            int n = Integer.parseInt(String.valueOf(value).strip());
            if (n < 0 || n > 3650) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " must be a whole number of days (0 to 3650), not '" + value + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String file, String key) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": " + key + " must be a mapping");
        }
        return (Map<String, Object>) m;
    }

    private static List<?> list(Object value, String file, String key) {
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(file + ": " + key + " must be a list");
        }
        return l;
    }
}
