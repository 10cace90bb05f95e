package com.casewire.intake;

import com.casewire.config.FirmProperties;
import com.casewire.gcal.ConsultationCalendar;
import com.casewire.inbox.SecurityEvents;
import com.casewire.pages.Pages;
import com.casewire.pages.StaffLinks;
import com.casewire.schedule.DurableTimers;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The self-booking page behind the signed link in the acknowledgment (template {@code pages/booking}):
 * {@code GET /intake/book/{token}} shows every open consultation slot of the routed attorney's calendar (Google
 * freeBusy, business hours, {@code hub.intake.booking-days} working days ahead) one day at a time ({@code ?day=}),
 * with the list of days that have open times, the firm's zone in words and, when the client's browser reports
 * another zone ({@code ?tz=}, set by the page's script), each time in the client's zone too; {@code POST} with {@code start} books one: the slot is re-checked against the calendar, reserved
 * on the lead (two clicks cannot book twice), inserted with events.insert, confirmed to the lead by SMS and email
 * (route {@code intake-confirm-booking}) and a reminder is scheduled. A tampered link gets 403, an expired one 410.
 */
@Controller
class BookingController {

    private static final Logger log = LoggerFactory.getLogger(BookingController.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);
    private static final DateTimeFormatter TAB = DateTimeFormatter.ofPattern("EEE, MMM d", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private final BookingLinks links;
    private final LeadStore leads;
    private final IntakeScreening screening;
    private final IntakeRules rules;
    private final ConsultationCalendar calendar;
    private final DurableTimers timers;
    private final SecurityEvents security;
    private final ProducerTemplate camel;
    private final FirmProperties firm;
    private final IntakeProperties settings;
    private final StaffLinks staffLinks;
    private final Pages pages;
    private final Clock clock;

    BookingController(BookingLinks links, LeadStore leads, IntakeScreening screening, IntakeRules rules,
                      ConsultationCalendar calendar, DurableTimers timers, SecurityEvents security, ProducerTemplate camel,
                      FirmProperties firm, IntakeProperties settings, StaffLinks staffLinks, Pages pages, Clock clock) {
        this.staffLinks = staffLinks;
        this.pages = pages;
        this.links = links;
        this.leads = leads;
        this.screening = screening;
        this.rules = rules;
        this.calendar = calendar;
        this.timers = timers;
        this.security = security;
        this.camel = camel;
        this.firm = firm;
        this.settings = settings;
        this.clock = clock;
    }

    /** One day of open slots, and its link on the page's day list. */
    record Day(String label, String date, int open, boolean shown) {
    }

    /** One bookable time: the value posted, the firm's local time, and the client's when their zone differs. */
    record Slot(String value, String time, String clientTime) {
    }

    @GetMapping(path = "/intake/book/{token}")
    ModelAndView page(@PathVariable String token, @RequestParam(required = false) String day,
                      @RequestParam(required = false) String tz, HttpServletRequest request) {
        Resolved r = resolve(token, request);
        if (r.refusal() != null) {
            return r.refusal();
        }
        LeadRecord lead = r.lead();
        if (lead.bookedStart() != null && lead.calendarEventId() != null) {
            return booked(lead.bookedStart(), lead.attorneyName(), clientZone(tz), false);
        }
        if (!calendar.configured()) {
            return pages.message(HttpStatus.OK, "We will call you",
                    "Online booking is not available right now. An attorney's team will call you shortly.");
        }
        IntakeRules.Person attorney = attorneyFor(lead);
        ZoneId client = clientZone(tz);
        Map<LocalDate, List<Instant>> byDay = new TreeMap<>();
        for (Instant slot : openSlots(attorney)) {
            byDay.computeIfAbsent(slot.atZone(zone()).toLocalDate(), d -> new ArrayList<>()).add(slot);
        }
        LocalDate shown = shownDay(day, byDay);
        List<Day> days = byDay.entrySet().stream().map(e -> new Day(TAB.format(e.getKey()), e.getKey().toString(),
                e.getValue().size(), e.getKey().equals(shown))).toList();
        List<Slot> slots = shown == null ? List.of() : byDay.get(shown).stream().map(s -> new Slot(s.toString(),
                TIME.format(s.atZone(zone())), client == null ? null : TIME.format(s.atZone(client)))).toList();
        return pages.view("booking", HttpStatus.OK, "Book your consultation")
                .addObject("attorney", attorney.name())
                .addObject("firmZone", Pages.zoneName(zone()))
                .addObject("firmZoneId", zone().getId())
                .addObject("clientZone", client == null ? null : Pages.zoneName(client))
                .addObject("tz", client == null ? null : client.getId())
                .addObject("days", days)
                .addObject("shownDay", shown == null ? null : DAY.format(shown))
                .addObject("slots", slots)
                .addObject("bookingDays", settings.bookingDays());
    }

    /** The day asked for when it has open slots, else the first day that has. */
    private static LocalDate shownDay(String asked, Map<LocalDate, List<Instant>> byDay) {
        if (asked != null) {
            try {
                LocalDate d = LocalDate.parse(asked);
                if (byDay.containsKey(d)) {
                    return d;
                }
            } catch (DateTimeException notADate) {
                // a hand-edited address: show the first day
            }
        }
        return byDay.isEmpty() ? null : byDay.keySet().iterator().next();
    }

    /** The client's zone from their browser, when it is a real zone that differs from the firm's; else null. */
    private ZoneId clientZone(String tz) {
        if (tz == null || tz.isBlank() || tz.length() > 64) {
            return null;
        }
        try {
            ZoneId zone = ZoneId.of(tz);
            return zone.getRules().equals(zone().getRules()) ? null : zone;
        } catch (DateTimeException unknown) {
            return null;
        }
    }

    private ModelAndView booked(Instant start, String attorney, ZoneId client, boolean justNow) {
        return pages.view("booking-done", HttpStatus.OK, "Your consultation is booked")
                .addObject("when", when(start))
                .addObject("clientWhen", client == null ? null : IntakeFollowUps.WHEN.format(start.atZone(client)))
                .addObject("attorney", attorney)
                .addObject("justNow", justNow);
    }

    @PostMapping(path = "/intake/book/{token}")
    ModelAndView book(@PathVariable String token, @RequestParam(name = "start", required = false) String start,
                      @RequestParam(required = false) String tz, HttpServletRequest request) {
        Resolved r = resolve(token, request);
        if (r.refusal() != null) {
            return r.refusal();
        }
        LeadRecord lead = r.lead();
        if (lead.calendarEventId() != null) {
            return booked(lead.bookedStart(), lead.attorneyName(), clientZone(tz), false);
        }
        if (!calendar.configured()) {
            return pages.message(HttpStatus.SERVICE_UNAVAILABLE, "We will call you", "Online booking is not available right now.");
        }
        Instant chosen;
        try {
            chosen = Instant.parse(start == null ? "" : start);
        } catch (DateTimeException e) {
            return pages.message(HttpStatus.BAD_REQUEST, "Please choose a time", "That is not one of the offered times.");
        }
        IntakeRules.Person attorney = attorneyFor(lead);
        if (!openSlots(attorney).contains(chosen)) {
            return pages.message(HttpStatus.CONFLICT, "That time is no longer free",
                    "Someone took it a moment ago. Please open your link again and choose another time.");
        }
        Instant end = chosen.plus(settings.consultationLength());
        Instant now = clock.instant();
        if (!leads.claimBooking(lead.id(), chosen, end, now)) {
            return pages.message(HttpStatus.CONFLICT, "Already booked", "This request already has a consultation.");
        }
        String eventId;
        try {
            String who = lead.name() != null ? lead.name() : lead.phone() != null ? lead.phone() : lead.email();
            eventId = calendar.insert(attorney.calendarId(), "Consultation: " + who + " (" + lead.practiceArea() + ")",
                    "Booked online from intake lead " + lead.id() + ". Phone: " + IntakeScreening.orUnknown(lead.phone())
                            + ". Email: " + IntakeScreening.orUnknown(lead.email()) + ". Conflict pre-check: "
                            + lead.conflictStatus() + ". Details: " + staffLinks.url(LeadPageController.KIND, lead.id()),
                    chosen.atZone(zone()), end.atZone(zone()), lead.email() == null ? List.of() : List.of(lead.email()));
        } catch (RuntimeException e) {
            leads.releaseBooking(lead.id(), clock.instant());
            log.warn("booking lead {} at {} failed: {}", lead.id(), chosen, e.toString());
            return pages.message(HttpStatus.BAD_GATEWAY, "Please try again",
                    "We could not reach the calendar. Please try again in a minute.");
        }
        leads.markBooked(lead.id(), eventId, now);
        leads.addEvent(lead.id(), "action", "calendar", "consultation booked by the lead for " + chosen + " with "
                + attorney.name() + " (event " + eventId + ")", now, "booked:" + lead.id());
        timers.cancel(IntakeTimers.ESCALATE + ":" + lead.id());
        reminderTime(chosen, now).ifPresent(at ->
                timers.schedule(IntakeTimers.REMIND + ":" + lead.id(), IntakeTimers.REMIND, at, String.valueOf(lead.id())));
        camel.sendBody("direct:intake-booked", String.valueOf(lead.id()));
        return booked(chosen, attorney.name(), clientZone(tz), true);
    }

    /**
     * When to remind: {@code hub.intake.reminder-before} ahead; for a consultation booked closer than that, two hours
     * ahead; none when even that has passed (the confirmation just went out).
     */
    Optional<Instant> reminderTime(Instant start, Instant now) {
        Instant at = start.minus(settings.reminderBefore());
        if (!at.isAfter(now)) {
            at = start.minus(Duration.ofHours(2));
        }
        return at.isAfter(now.plus(Duration.ofMinutes(30))) ? Optional.of(at) : Optional.empty();
    }

    private record Resolved(LeadRecord lead, ModelAndView refusal) {
    }

    private Resolved resolve(String token, HttpServletRequest request) {
        BookingLinks.Check check = links.check(token);
        if (check.verdict() == BookingLinks.Verdict.TAMPERED) {
            security.record("intake", "invalid_booking_link", request.getRemoteAddr(), "booking link signature did not verify");
            return new Resolved(null, pages.message(HttpStatus.FORBIDDEN, "This link is not valid",
                    "This booking link is not valid. Please use the link we sent you, or call us."));
        }
        if (check.verdict() == BookingLinks.Verdict.EXPIRED) {
            return new Resolved(null, pages.message(HttpStatus.GONE, "This link has expired",
                    "This booking link has expired. Please call us and we will find a time with you."));
        }
        LeadRecord lead = leads.find(check.leadId()).orElse(null);
        if (lead == null || !lead.open()) {
            return new Resolved(null, pages.message(HttpStatus.GONE, "This request is closed",
                    "This request is closed. Please call us if you still need help."));
        }
        return new Resolved(lead, null);
    }

    private IntakeRules.Person attorneyFor(LeadRecord lead) {
        LeadRecord routed = lead.attorneyKey() != null ? lead : screening.assign(lead);
        return rules.attorney(routed.attorneyKey()).orElseThrow();
    }

    private List<Instant> openSlots(IntakeRules.Person attorney) {
        Instant earliest = clock.instant().plus(Duration.ofHours(1));
        List<BusinessHours.Window> windows = rules.businessHours().windows(earliest, zone(), settings.bookingDays());
        if (windows.isEmpty()) {
            return List.of();
        }
        Instant until = windows.get(windows.size() - 1).end();
        var busy = calendar.busy(earliest, until, zone().getId(), List.of(attorney.calendarId()))
                .getOrDefault(attorney.calendarId(), List.of());
        return rules.businessHours().freeSlots(earliest, zone(), settings.bookingDays(),
                settings.consultationLength(), busy);
    }

    private ZoneId zone() {
        return firm.zone();
    }

    private String when(Instant at) {
        return IntakeFollowUps.WHEN.format(at.atZone(zone()));
    }
}
