package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.gcal.ConsultationCalendar.Busy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    static final ZoneId NY = ZoneId.of("America/New_York");
    final BusinessHours hours = new BusinessHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 0));

    static Instant ny(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 3, day, hour, minute, 0, 0, NY).toInstant(); // 2026-03-02 is a Monday
    }

    @Test
    void openOnWeekdaysBetweenOpeningAndClosing() {
        assertThat(hours.isOpen(ny(2, 9, 0), NY)).isTrue();
        assertThat(hours.isOpen(ny(2, 16, 59), NY)).isTrue();
        assertThat(hours.isOpen(ny(2, 17, 0), NY)).isFalse();
        assertThat(hours.isOpen(ny(2, 8, 59), NY)).isFalse();
        assertThat(hours.isOpen(ny(7, 12, 0), NY)).as("Saturday").isFalse();
    }

    @Test
    void nextWorkingHoursAfterFridayEveningIsMondayMorning() {
        BusinessHours.Window next = hours.nextWorkingHours(ny(6, 18, 0), NY, Duration.ofMinutes(30)).orElseThrow();

        assertThat(next.start()).isEqualTo(ny(9, 9, 0));
        assertThat(next.end()).isEqualTo(ny(9, 17, 0));
    }

    @Test
    void nextWorkingHoursTooShortTodaySkipsToTomorrow() {
        BusinessHours.Window next = hours.nextWorkingHours(ny(2, 16, 45), NY, Duration.ofMinutes(30)).orElseThrow();

        assertThat(next.start()).isEqualTo(ny(3, 9, 0));
    }

    @Test
    void freeSlotsSkipBusyPeriodsAndThePast() {
        List<Instant> slots = hours.freeSlots(ny(2, 15, 10), NY, 1, Duration.ofMinutes(30),
                List.of(new Busy(ny(2, 16, 0), ny(2, 16, 30))));

        assertThat(slots).containsExactly(ny(2, 15, 30), ny(2, 16, 30));
    }
}
