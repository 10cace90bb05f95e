package com.casewire.intake;

import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogMask;
import com.casewire.canonical.CallEvent;
import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.InboundSms;
import com.casewire.canonical.Lead;
import com.casewire.canonical.Notification;
import com.casewire.canonical.PhoneNumbers;
import com.casewire.canonical.Recipient;
import com.casewire.config.FirmProperties;
import com.casewire.notify.NotificationProperties;
import com.casewire.notify.Notifier;
import com.casewire.notify.QuietHoursPolicy;
import com.casewire.schedule.DurableTimers;
import com.casewire.staff.StaffDirectory;
import com.casewire.twilio.SmsKeywords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The front of the intake workflow: which calls and texts are leads, one stored lead per person however many times
 * they get in touch, and the acknowledgment a new lead gets at once. Runs inside the inbox transaction of the
 * contact, so the lead, its history, its timers and the acknowledgment's outbox rows commit together.
 */
@Component("intakeCapture")
public class IntakeCapture {

    private static final Logger log = LoggerFactory.getLogger(IntakeCapture.class);
    public static final String IS_NEW = "casewireLeadIsNew";
    static final String WORKFLOW = "intake";

    private final IntakeRules rules;
    private final LeadStore leads;
    private final DurableTimers timers;
    private final CommunicationLog commLog;
    private final QuietHoursPolicy quietHours;
    private final BookingLinks links;
    private final FirmProperties firm;
    private final IntakeProperties settings;
    private final NotificationProperties notifications;
    private final Clock clock;

    private final StaffDirectory staff;

    IntakeCapture(IntakeRules rules, LeadStore leads, DurableTimers timers, CommunicationLog commLog,
                  QuietHoursPolicy quietHours, BookingLinks links, FirmProperties firm, IntakeProperties settings,
                  NotificationProperties notifications, Clock clock, StaffDirectory staff) {
        this.staff = staff;
        this.rules = rules;
        this.leads = leads;
        this.timers = timers;
        this.commLog = commLog;
        this.quietHours = quietHours;
        this.links = links;
        this.firm = firm;
        this.settings = settings;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * A lead for a call nobody answered (no-answer, busy, canceled, failed), or for a call that "completed" outside
     * business hours (voicemail took it); null for answered calls, calls in progress, callers with an unusable
     * number and numbers the hub already writes to about a matter (clients). A caller who withheld their number is
     * a lead without a number: staff see it, nobody is texted.
     */
    public Lead fromCall(@Body CallEvent call) {
        boolean afterHours = "completed".equals(call.status())
                && !rules.businessHours().isOpen(call.occurredAt(), firm.zone());
        if (!call.missed() && !afterHours) {
            return null;
        }
        String matterType = rules.matterTypeForDigit(call.digits())
                .or(() -> rules.matterTypeForCalledNumber(call.to())).orElse(null);
        String what = afterHours ? "after-hours call (" + call.status() + ")" : call.status() + " call";
        String source = afterHours ? "after-hours call" : "missed call";
        if (PhoneNumbers.isWithheld(call.from())) {
            log.info("missed call {} from a withheld number: a lead with no number to call back or text", call.callSid());
            return Lead.withheld("call", call.callSid(), matterType, source + " (number withheld)",
                    what + " to " + call.to() + " from a withheld number", call.occurredAt());
        }
        Optional<String> phone = PhoneNumbers.toE164(call.from(), notifications.defaultPhoneRegion());
        if (phone.isEmpty()) {
            log.info("missed call {} from an unusable number '{}': no lead", call.callSid(), LogMask.phone(call.from()));
            return null;
        }
        if (knownClient(phone.get())) {
            log.info("missed call {} from a client's number: no lead", call.callSid());
            return null;
        }
        return new Lead("call", call.callSid(), phone.get(), null, null, matterType, null, null, source,
                what + " to " + call.to(), call.occurredAt());
    }

    /**
     * A lead for a text that is not an opt-out keyword and comes from a number that is not a client's (from a withheld
     * sender: a lead without a number, like a withheld call).
     */
    public Lead fromSms(@Body InboundSms sms) {
        if (SmsKeywords.classify(sms.body()) != SmsKeywords.Intent.MESSAGE) {
            return null;
        }
        if (PhoneNumbers.isWithheld(sms.from())) {
            log.info("text {} from a withheld number: a lead with no number to text", sms.messageSid());
            return Lead.withheld("sms", sms.messageSid(), rules.matterTypeForCalledNumber(sms.to()).orElse(null),
                    "text message (number withheld)", "text: " + (sms.body() == null ? "" : sms.body()), sms.receivedAt());
        }
        Optional<String> phone = PhoneNumbers.toE164(sms.from(), notifications.defaultPhoneRegion());
        if (phone.isEmpty() || knownClient(phone.get())) {
            return null;
        }
        if (staff.byMobile(phone.get()).isPresent()) {
            return null; // the firm's own people (a reply to a time-entry prompt) are not leads
        }
        return new Lead("sms", sms.messageSid(), phone.get(), null, null, rules.matterTypeForCalledNumber(sms.to()).orElse(null),
                null, null, "text message", "text: " + (sms.body() == null ? "" : sms.body()), sms.receivedAt());
    }

    private boolean knownClient(String phone) {
        return commLog.latestMatterFor(phone).isPresent();
    }

    /**
     * Folds the contact into the person's open lead, or opens one. A new lead gets its screening (conflict check,
     * routing, attorney alert) scheduled at once and its escalation after {@code hub.intake.escalate-after}.
     * Sets {@value #IS_NEW}.
     */
    public LeadRecord capture(@Body Lead lead, Exchange exchange) {
        Instant now = clock.instant();
        Optional<LeadRecord> open = leads.findOpen(lead.personKey());
        String contactKey = "contact:" + lead.channel() + ":" + lead.contactId();
        if (open.isPresent()) {
            long id = open.get().id();
            leads.addContact(id, lead, lead.matterType(), now);
            leads.addEvent(id, "contact", lead.channel(), lead.detail(), lead.occurredAt(), contactKey);
            exchange.getIn().setHeader(IS_NEW, false);
            log.info("{} contact {} joins open lead {}", lead.channel(), lead.contactId(), id);
            return leads.find(id).orElseThrow();
        }
        String area = rules.practiceAreaFor(lead.matterType());
        long id = leads.insert(lead, lead.matterType(), area, now);
        leads.addEvent(id, "contact", lead.channel(), lead.detail(), lead.occurredAt(), contactKey);
        timers.schedule(IntakeTimers.SCREEN + ":" + id, IntakeTimers.SCREEN, now, String.valueOf(id));
        timers.schedule(IntakeTimers.ESCALATE + ":" + id, IntakeTimers.ESCALATE, now.plus(settings.escalateAfter()),
                String.valueOf(id));
        exchange.getIn().setHeader(IS_NEW, true);
        log.info("new lead {} from {} ({})", id, lead.channel(), area);
        return leads.find(id).orElseThrow();
    }

    /**
     * The acknowledgment of a new lead: by SMS to their number and by email when they gave one, in the firm's words
     * with the booking link. In quiet hours it goes out at once only when the route says so (the
     * {@link Notifier#QUIET_HOURS_EXEMPT} header, from {@code hub.intake.acknowledge-in-quiet-hours}); otherwise
     * notify holds it until the window opens and the lead is flagged for the morning.
     */
    public List<Notification> acknowledgments(@Body LeadRecord lead,
                                              @Header(Notifier.QUIET_HOURS_EXEMPT) Boolean quietHoursExempt) {
        Instant now = clock.instant();
        ZoneId zone = firm.zone();
        Optional<Instant> held = quietHours.holdUntil(now, zone, Channel.SMS);
        boolean heldBack = lead.phone() != null && held.isPresent() && !Boolean.TRUE.equals(quietHoursExempt);
        Map<String, String> model = new HashMap<>();
        model.put("lead.firstName", lead.greetingName());
        model.put("lead.contactKind", leads.events(lead.id()).stream().findFirst()
                .map(e -> switch (e.channel() == null ? "" : e.channel()) {
                    case "sms", "email" -> "message";
                    case "web-form" -> "request";
                    default -> "call";
                }).orElse("call"));
        model.put("booking.link", links.url(lead.id()));
        List<Notification> out = new ArrayList<>();
        String name = lead.name() != null ? lead.name() : lead.phone() != null ? lead.phone() : lead.email();
        if (lead.phone() != null) {
            out.add(new Notification("intake-ack:" + lead.id() + ":sms", WORKFLOW, "acknowledgment", lead.practiceArea(), null,
                    new Recipient(new Contact(null, name, lead.greetingName(), null, lead.phone(), Channel.SMS, null), "lead"),
                    model, false, false));
        }
        if (lead.email() != null) {
            out.add(new Notification("intake-ack:" + lead.id() + ":email", WORKFLOW, "acknowledgment", lead.practiceArea(),
                    null, new Recipient(new Contact(null, name, lead.greetingName(), lead.email(), null, Channel.EMAIL, null),
                    "lead"), model, false, false));
        }
        if (out.isEmpty()) {
            // a withheld caller: nobody to acknowledge; the lead stays new for staff, and the alerts say why
            leads.addEvent(lead.id(), "action", null, lead.callerWithheld()
                    ? "no acknowledgment: the caller withheld their number" : "no acknowledgment: no phone or email",
                    now, "ack:" + lead.id());
            return out;
        }
        if (heldBack) {
            leads.flagForMorning(lead.id(), now);
            leads.addEvent(lead.id(), "action", "sms", "acknowledgment held for quiet hours until " + held.get()
                    + "; lead flagged for the morning", now, "ack-held:" + lead.id());
        } else {
            leads.transition(lead.id(), List.of(LeadRecord.NEW), LeadRecord.ACKNOWLEDGED, now);
        }
        leads.addEvent(lead.id(), "action", null, "acknowledgment queued: "
                + out.stream().map(n -> n.recipient().contact().preferredChannel().id()).toList(), now, "ack:" + lead.id());
        return out;
    }
}
