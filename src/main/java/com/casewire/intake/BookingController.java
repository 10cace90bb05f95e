package com.casewire.intake;

import com.casewire.config.HubProperties;
import com.casewire.gcal.ConsultationCalendar;
import com.casewire.inbound.SecurityEvents;
import com.casewire.schedule.DurableTimers;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The self-booking page behind the signed link in the acknowledgment: {@code GET /intake/book/{token}} shows the open
 * consultation slots of the routed attorney's calendar (Google freeBusy, business hours, {@code hub.intake.booking-days}
 * working days ahead); {@code POST} with {@code start} books one: the slot is re-checked against the calendar, reserved
 * on the lead (two clicks cannot book twice), inserted with events.insert, confirmed to the lead by SMS and email
 * (route {@code intake-confirm-booking}) and a reminder is scheduled. A tampered link gets 403, an expired one 410.
 */
@RestController
class BookingController {

    private static final Logger log = LoggerFactory.getLogger(BookingController.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private final BookingLinks links;
    private final LeadRepository leads;
    private final IntakeScreening screening;
    private final IntakeRules rules;
    private final ConsultationCalendar calendar;
    private final DurableTimers timers;
    private final SecurityEvents security;
    private final ProducerTemplate camel;
    private final HubProperties hub;
    private final Clock clock;

    BookingController(BookingLinks links, LeadRepository leads, IntakeScreening screening, IntakeRules rules,
                      ConsultationCalendar calendar, DurableTimers timers, SecurityEvents security, ProducerTemplate camel,
                      HubProperties hub, Clock clock) {
        this.links = links;
        this.leads = leads;
        this.screening = screening;
        this.rules = rules;
        this.calendar = calendar;
        this.timers = timers;
        this.security = security;
        this.camel = camel;
        this.hub = hub;
        this.clock = clock;
    }

    @GetMapping(path = "/intake/book/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String token, HttpServletRequest request) {
        Resolved r = resolve(token, request);
        if (r.refusal() != null) {
            return r.refusal();
        }
        LeadRecord lead = r.lead();
        if (lead.bookedStart() != null && lead.calendarEventId() != null) {
            return html(HttpStatus.OK, "Your consultation is booked", "<p>You are booked for <strong>" + when(lead.bookedStart())
                    + "</strong> with " + esc(lead.attorneyName()) + ". We sent you a confirmation.</p>");
        }
        if (!calendar.configured()) {
            return html(HttpStatus.OK, "We will call you", "<p>Online booking is not available right now. "
                    + "An attorney's team will call you shortly.</p>");
        }
        IntakeRules.Person attorney = attorneyFor(lead);
        List<Instant> slots = openSlots(attorney);
        StringBuilder body = new StringBuilder("<p>Choose a time for a free consultation with ")
                .append(esc(attorney.name())).append(" (").append(esc(hub.firm().zone().getId())).append(" time).</p>");
        if (slots.isEmpty()) {
            body.append("<p>No times are open in the next days. An attorney's team will call you shortly.</p>");
        } else {
            body.append("<form method=\"post\" id=\"slots\">");
            String day = null;
            for (Instant slot : slots) {
                String d = DAY.format(slot.atZone(zone()));
                if (!d.equals(day)) {
                    body.append(day == null ? "" : "</div>").append("<h2>").append(d).append("</h2><div class=\"day\">");
                    day = d;
                }
                body.append("<button type=\"submit\" class=\"slot\" name=\"start\" value=\"").append(slot)
                        .append("\">").append(TIME.format(slot.atZone(zone()))).append("</button> ");
            }
            body.append("</div></form>");
        }
        return html(HttpStatus.OK, "Book your consultation", body.toString());
    }

    @PostMapping(path = "/intake/book/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> book(@PathVariable String token, @RequestParam(name = "start", required = false) String start,
                                HttpServletRequest request) {
        Resolved r = resolve(token, request);
        if (r.refusal() != null) {
            return r.refusal();
        }
        LeadRecord lead = r.lead();
        if (lead.calendarEventId() != null) {
            return html(HttpStatus.OK, "Your consultation is booked", "<p>You are already booked for <strong>"
                    + when(lead.bookedStart()) + "</strong>.</p>");
        }
        if (!calendar.configured()) {
            return html(HttpStatus.SERVICE_UNAVAILABLE, "We will call you", "<p>Online booking is not available right now.</p>");
        }
        Instant chosen;
        try {
            chosen = Instant.parse(start == null ? "" : start);
        } catch (DateTimeException e) {
            return html(HttpStatus.BAD_REQUEST, "Please choose a time", "<p>That is not one of the offered times.</p>");
        }
        IntakeRules.Person attorney = attorneyFor(lead);
        if (!openSlots(attorney).contains(chosen)) {
            return html(HttpStatus.CONFLICT, "That time is no longer free", "<p>Please <a href=\"" + esc(token)
                    + "\">choose another time</a>.</p>");
        }
        Instant end = chosen.plus(hub.intake().consultationLength());
        Instant now = clock.instant();
        if (!leads.claimBooking(lead.id(), chosen, end, now)) {
            return html(HttpStatus.CONFLICT, "Already booked", "<p>This request already has a consultation.</p>");
        }
        String eventId;
        try {
            String who = lead.name() != null ? lead.name() : lead.phone() != null ? lead.phone() : lead.email();
            eventId = calendar.insert(attorney.calendarId(), "Consultation: " + who + " (" + lead.practiceArea() + ")",
                    "Booked online from intake lead " + lead.id() + ". Phone: " + IntakeScreening.orUnknown(lead.phone())
                            + ". Email: " + IntakeScreening.orUnknown(lead.email()) + ". Conflict pre-check: "
                            + lead.conflictStatus() + ". Details: " + hub.publicBaseUrl() + "/api/intake/leads/" + lead.id(),
                    chosen.atZone(zone()), end.atZone(zone()), lead.email() == null ? List.of() : List.of(lead.email()));
        } catch (RuntimeException e) {
            leads.releaseBooking(lead.id(), clock.instant());
            log.warn("booking lead {} at {} failed: {}", lead.id(), chosen, e.toString());
            return html(HttpStatus.BAD_GATEWAY, "Please try again", "<p>We could not reach the calendar. Please try again "
                    + "in a minute.</p>");
        }
        leads.markBooked(lead.id(), eventId, now);
        leads.addEvent(lead.id(), "action", "calendar", "consultation booked by the lead for " + chosen + " with "
                + attorney.name() + " (event " + eventId + ")", now, "booked:" + lead.id());
        timers.cancel(IntakeTimers.ESCALATE + ":" + lead.id());
        reminderTime(chosen, now).ifPresent(at ->
                timers.schedule(IntakeTimers.REMIND + ":" + lead.id(), IntakeTimers.REMIND, at, String.valueOf(lead.id())));
        camel.sendBody("direct:intake-booked", String.valueOf(lead.id()));
        return html(HttpStatus.OK, "Your consultation is booked", "<p id=\"confirmation\">You are booked for <strong>"
                + when(chosen) + "</strong> with " + esc(attorney.name()) + ". We sent you a confirmation.</p>");
    }

    /**
     * When to remind: {@code hub.intake.reminder-before} ahead; for a consultation booked closer than that, two hours
     * ahead; none when even that has passed (the confirmation just went out).
     */
    Optional<Instant> reminderTime(Instant start, Instant now) {
        Instant at = start.minus(hub.intake().reminderBefore());
        if (!at.isAfter(now)) {
            at = start.minus(Duration.ofHours(2));
        }
        return at.isAfter(now.plus(Duration.ofMinutes(30))) ? Optional.of(at) : Optional.empty();
    }

    private record Resolved(LeadRecord lead, ResponseEntity<String> refusal) {
    }

    private Resolved resolve(String token, HttpServletRequest request) {
        BookingLinks.Check check = links.check(token);
        if (check.verdict() == BookingLinks.Verdict.TAMPERED) {
            security.record("intake", "invalid_booking_link", request.getRemoteAddr(), "booking link signature did not verify");
            return new Resolved(null, html(HttpStatus.FORBIDDEN, "This link is not valid",
                    "<p>This booking link is not valid. Please use the link we sent you, or call us.</p>"));
        }
        if (check.verdict() == BookingLinks.Verdict.EXPIRED) {
            return new Resolved(null, html(HttpStatus.GONE, "This link has expired",
                    "<p>This booking link has expired. Please call us and we will find a time with you.</p>"));
        }
        LeadRecord lead = leads.find(check.leadId()).orElse(null);
        if (lead == null || !lead.open()) {
            return new Resolved(null, html(HttpStatus.GONE, "This request is closed",
                    "<p>This request is closed. Please call us if you still need help.</p>"));
        }
        return new Resolved(lead, null);
    }

    private IntakeRules.Person attorneyFor(LeadRecord lead) {
        LeadRecord routed = lead.attorneyKey() != null ? lead : screening.assign(lead);
        return rules.attorney(routed.attorneyKey()).orElseThrow();
    }

    private List<Instant> openSlots(IntakeRules.Person attorney) {
        Instant earliest = clock.instant().plus(Duration.ofHours(1));
        List<BusinessHours.Window> windows = rules.businessHours().windows(earliest, zone(), hub.intake().bookingDays());
        if (windows.isEmpty()) {
            return List.of();
        }
        Instant until = windows.get(windows.size() - 1).end();
        var busy = calendar.busy(earliest, until, zone().getId(), List.of(attorney.calendarId()))
                .getOrDefault(attorney.calendarId(), List.of());
        List<Instant> slots = new ArrayList<>(rules.businessHours().freeSlots(earliest, zone(), hub.intake().bookingDays(),
                hub.intake().consultationLength(), busy));
        return slots.size() > 60 ? slots.subList(0, 60) : slots;
    }

    private ZoneId zone() {
        return hub.firm().zone();
    }

    private String when(Instant at) {
        return esc(IntakeFollowUps.WHEN.format(at.atZone(zone())));
    }

    private ResponseEntity<String> html(HttpStatus status, String title, String body) {
        String page = """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}
                .slot{margin:.25rem;padding:.5rem .9rem;font-size:1rem;border:1px solid #246;border-radius:.4rem;background:#f4f8fc;cursor:pointer}
                .slot:hover{background:#dfeaf6}h1{font-size:1.4rem}h2{font-size:1.05rem;margin-top:1.2rem}</style></head>
                <body><p>%s</p><h1>%s</h1>%s</body></html>""".formatted(esc(title), esc(hub.firm().name()), esc(title), body);
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").body(page);
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
