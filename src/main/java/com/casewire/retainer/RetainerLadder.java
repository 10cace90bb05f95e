package com.casewire.retainer;

import com.casewire.schedule.DurableTimers;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The reminder ladder's durable timers: after the first reminder, the second one ({@code ladder.secondReminderAfter}
 * business days later) and the escalation ({@code ladder.escalateAfter}), at the same local time in the firm's zone.
 * Keys carry the matter and the episode, so one episode has one of each; a restored balance cancels both.
 */
class RetainerLadder {

    static final String TIMER = "retainer-ladder";
    static final String SECOND = "second";
    static final String ESCALATE = "escalate";

    private final DurableTimers timers;
    private final RetainerRules rules;
    private final ZoneId firmZone;

    RetainerLadder(DurableTimers timers, RetainerRules rules, ZoneId firmZone) {
        this.timers = timers;
        this.rules = rules;
        this.firmZone = firmZone;
    }

    /** Sets the episode's two rungs, counted from {@code from} (when the first reminder went). */
    void start(String matterId, int episode, Instant from) {
        schedule(matterId, episode, SECOND, after(from, rules.secondReminderAfter()));
        schedule(matterId, episode, ESCALATE, after(from, rules.escalateAfter()));
    }

    /** Cancels whatever of the episode's ladder is still pending. */
    void stop(String matterId, int episode) {
        timers.cancel(key(matterId, episode, SECOND));
        timers.cancel(key(matterId, episode, ESCALATE));
    }

    /** The date the reminder asks for the deposit by: {@code payWithin} business days after {@code from}. */
    LocalDate payBy(Instant from) {
        return businessDaysAfter(from.atZone(firmZone).toLocalDate(), rules.payWithin());
    }

    /** The firm's date at {@code at}. */
    LocalDate localDate(Instant at) {
        return at.atZone(firmZone).toLocalDate();
    }

    private void schedule(String matterId, int episode, String rung, Instant due) {
        timers.schedule(key(matterId, episode, rung), TIMER, due, matterId + "|" + episode + "|" + rung);
    }

    private Instant after(Instant from, int businessDays) {
        ZonedDateTime local = from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(firmZone);
        return businessDaysAfter(local.toLocalDate(), businessDays).atTime(local.toLocalTime()).atZone(firmZone).toInstant();
    }

    static String key(String matterId, int episode, String rung) {
        return TIMER + ":" + matterId + ":" + episode + ":" + rung;
    }

    /** Monday to Friday; the firm's holidays are not known to the hub, so they count as business days. */
    static LocalDate businessDaysAfter(LocalDate day, int businessDays) {
        LocalDate d = day;
        for (int left = businessDays; left > 0; ) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d;
    }

    /** A rung's timer payload: matter, episode and rung. */
    record Rung(String matterId, int episode, String rung) {
        static Rung parse(String payload) {
            String[] p = payload.split("\\|", 3);
            if (p.length != 3) {
                throw new IllegalArgumentException("unreadable retainer ladder timer: " + payload);
            }
            return new Rung(p[0], Integer.parseInt(p[1]), p[2]);
        }
    }
}
