package com.casewire.intake;

import com.casewire.config.FirmProperties;
import com.casewire.gcal.ConsultationCalendar;
import com.casewire.gcal.ConsultationCalendar.Busy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Picks the attorney for a lead: the practice area's attorneys from the rules, those with a free consultation slot in
 * the next working hours (Google Calendar freeBusy, one call for all of them), and among those the next in the
 * area's durable round-robin. When nobody is free, or Google Calendar is not configured, every attorney of the area
 * is eligible, so a lead is never left unrouted.
 */
@Component
class AttorneyRouter {

    private static final Logger log = LoggerFactory.getLogger(AttorneyRouter.class);

    /** The choice and why, for the lead's history. */
    public record Choice(IntakeRules.Person attorney, String reason) {
    }

    private final IntakeRules rules;
    private final ConsultationCalendar calendar;
    private final RoundRobin roundRobin;
    private final FirmProperties firm;
    private final IntakeProperties settings;
    private final Clock clock;

    AttorneyRouter(IntakeRules rules, ConsultationCalendar calendar, RoundRobin roundRobin, FirmProperties firm,
                   IntakeProperties settings, Clock clock) {
        this.rules = rules;
        this.calendar = calendar;
        this.roundRobin = roundRobin;
        this.firm = firm;
        this.settings = settings;
        this.clock = clock;
    }

    public Choice route(String practiceArea) {
        List<IntakeRules.Person> candidates = rules.attorneysFor(practiceArea);
        List<String> order = candidates.stream().map(IntakeRules.Person::key).toList();
        Set<String> free = new LinkedHashSet<>(order);
        String reason;
        if (!calendar.configured()) {
            reason = "round-robin (Google Calendar not configured: availability not checked)";
        } else {
            ZoneId zone = firm.zone();
            Duration length = settings.consultationLength();
            Optional<BusinessHours.Window> window = rules.businessHours().nextWorkingHours(clock.instant(), zone, length);
            if (window.isEmpty()) {
                reason = "round-robin (no working hours ahead)";
            } else {
                Map<String, List<Busy>> busy = calendar.busy(window.get().start(), window.get().end(), zone.getId(),
                        candidates.stream().map(IntakeRules.Person::calendarId).distinct().toList());
                free.clear();
                for (IntakeRules.Person p : candidates) {
                    if (!rules.businessHours().freeSlots(window.get().start(), zone, 1, length,
                            busy.getOrDefault(p.calendarId(), List.of())).isEmpty()) {
                        free.add(p.key());
                    }
                }
                if (free.isEmpty()) {
                    free.addAll(order);
                    reason = "round-robin among all: nobody in " + practiceArea + " is free " + describe(window.get());
                } else {
                    reason = "round-robin among those free " + describe(window.get()) + ": " + free;
                }
            }
        }
        String chosen = roundRobin.next(practiceArea, order, free);
        IntakeRules.Person attorney = rules.attorney(chosen).orElseThrow();
        log.info("lead for {} routed to {} ({})", practiceArea, attorney.name(), reason);
        return new Choice(attorney, reason);
    }

    private static String describe(BusinessHours.Window w) {
        return "between " + w.start() + " and " + w.end();
    }
}
