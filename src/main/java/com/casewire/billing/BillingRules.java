package com.casewire.billing;

import com.casewire.routesdir.RulesYaml;
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
import java.util.Set;

/**
 * The integrator's billing rules ({@code routes/billing.rules.yaml}): the day each ladder stage is due, when the daily
 * run happens, which days are business days, and the monthly statement's age threshold. Checked whole at start-up;
 * a bad value stops the hub with the file and key named.
 */
public final class BillingRules {

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

    /** The file as written: every key optional, each with the default the comment at the top of the file gives. */
    record File(Stages stages, String runAt, List<String> businessDays, List<String> holidays, Statement statement,
                Integer escalationTaskDueInDays) {
    }

    record Stages(Integer reminder, Integer secondNotice, Integer escalation) {
    }

    record Statement(Boolean enabled, Integer olderThanDays) {
    }

    public static BillingRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read billing rules " + file.toAbsolutePath(), e);
        }
    }

    static BillingRules parse(InputStream in, String file) {
        RulesYaml.Source src = RulesYaml.source(in, file);
        File f = src.bind(File.class);
        Stages stages = f.stages() == null ? new Stages(null, null, null) : f.stages();
        int reminder = days(or(stages.reminder(), 7), src, "stages", "reminder");
        int second = days(or(stages.secondNotice(), 14), src, "stages", "secondNotice");
        int escalation = days(or(stages.escalation(), 21), src, "stages", "escalation");
        if (!(reminder < second && second < escalation)) {
            throw src.problem("stages must come in order: reminder < secondNotice < escalation, not "
                    + reminder + ", " + second + ", " + escalation, "stages");
        }
        LocalTime runAt;
        try {
            runAt = LocalTime.parse(f.runAt() == null ? "09:00" : f.runAt().strip());
        } catch (DateTimeParseException e) {
            throw src.problem("runAt must be a time such as \"09:00\", not '" + f.runAt() + "'", "runAt");
        }
        Set<DayOfWeek> businessDays = EnumSet.noneOf(DayOfWeek.class);
        List<String> days = f.businessDays() == null ? List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                : f.businessDays();
        for (int i = 0; i < days.size(); i++) {
            try {
                businessDays.add(DayOfWeek.valueOf(String.valueOf(days.get(i)).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw src.problem("businessDays: '" + days.get(i) + "' is not a day such as MONDAY", "businessDays", i);
            }
        }
        if (businessDays.isEmpty()) {
            throw src.problem("businessDays must name at least one day", "businessDays");
        }
        Set<LocalDate> holidays = new HashSet<>();
        List<String> given = f.holidays() == null ? List.of() : f.holidays();
        for (int i = 0; i < given.size(); i++) {
            try {
                holidays.add(LocalDate.parse(String.valueOf(given.get(i)).strip()));
            } catch (DateTimeParseException e) {
                throw src.problem("holidays: '" + given.get(i) + "' is not a date such as 2026-12-25", "holidays", i);
            }
        }
        Statement statement = f.statement() == null ? new Statement(null, null) : f.statement();
        boolean statementEnabled = statement.enabled() == null || statement.enabled();
        int olderThan = days(or(statement.olderThanDays(), 30), src, "statement", "olderThanDays");
        int taskDue = days(or(f.escalationTaskDueInDays(), 2), src, "escalationTaskDueInDays");
        return new BillingRules(reminder, second, escalation, runAt, businessDays, holidays, statementEnabled, olderThan, taskDue);
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
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

    private static int days(int n, RulesYaml.Source src, Object... path) {
        if (n < 0 || n > 3650) {
            throw src.problem(String.join(".", java.util.Arrays.stream(path).map(String::valueOf).toList())
                    + " must be a whole number of days (0 to 3650), not '" + n + "'", path);
        }
        return n;
    }
}
