package com.casewire.intake;

import com.casewire.gcal.ConsultationCalendar.Busy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** When the firm works, in its own zone: open days and one opening window per day. */
public record BusinessHours(Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {

    /** A stretch of working time. */
    public record Window(Instant start, Instant end) {
    }

    public BusinessHours {
        days = Set.copyOf(days);
        if (days.isEmpty() || !opens.isBefore(closes)) {
            throw new IllegalArgumentException("business hours need at least one day and opens before closes");
        }
    }

    public boolean isOpen(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(opens) && time.isBefore(closes);
    }

    /**
     * The working windows from {@code from} on, over the next {@code businessDays} working days: today's rest (if it
     * is a working day and still open) counts as the first.
     */
    public List<Window> windows(Instant from, ZoneId zone, int businessDays) {
        List<Window> windows = new ArrayList<>();
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < 370 && windows.size() < businessDays; i++, day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant open = day.atTime(opens).atZone(zone).toInstant();
            Instant close = day.atTime(closes).atZone(zone).toInstant();
            if (!close.isAfter(from)) {
                continue;
            }
            windows.add(new Window(open.isBefore(from) ? from : open, close));
        }
        return windows;
    }

    /** The next working hours: the first window from {@code from} with room for at least {@code length}. */
    public Optional<Window> nextWorkingHours(Instant from, ZoneId zone, Duration length) {
        return windows(from, zone, 10).stream()
                .filter(w -> !Duration.between(w.start(), w.end()).minus(length).isNegative()).findFirst();
    }

    /**
     * Consultation slots of {@code length}, on the grid of the opening time (09:00, 09:30, ... for 30 minutes), that
     * start at or after {@code earliest}, end by closing time and overlap no busy period.
     */
    public List<Instant> freeSlots(Instant earliest, ZoneId zone, int businessDays, Duration length, List<Busy> busy) {
        List<Instant> slots = new ArrayList<>();
        for (Window window : windows(earliest, zone, businessDays)) {
            ZonedDateTime open = window.end().atZone(zone).toLocalDate().atTime(opens).atZone(zone);
            for (ZonedDateTime start = open; !start.plus(length).toInstant().isAfter(window.end()); start = start.plus(length)) {
                Instant s = start.toInstant();
                Instant e = start.plus(length).toInstant();
                if (s.isBefore(earliest)) {
                    continue;
                }
                boolean clash = busy.stream().anyMatch(b -> b.start().isBefore(e) && b.end().isAfter(s));
                if (!clash) {
                    slots.add(s);
                }
            }
        }
        return slots;
    }
}
