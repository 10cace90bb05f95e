package com.casewire.intake;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import com.casewire.config.FirmProperties;
import com.casewire.outbox.Outbox;
import com.casewire.pages.StaffLinks;
import com.casewire.practice.PracticeTaskChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens to a lead after the first minute: the escalation of a lead that did not book (a call-back task for
 * the intake owner in the practice-management system plus an alert, once), the booking confirmation, and the
 * reminder before the consultation.
 */
@Component("intakeFollowUps")
public class IntakeFollowUps {

    private static final Logger log = LoggerFactory.getLogger(IntakeFollowUps.class);
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a z", Locale.US);

    private final LeadStore leads;
    private final IntakeRules rules;
    private final Outbox outbox;
    private final FirmProperties firm;
    private final IntakeProperties settings;
    private final StaffLinks staffLinks;
    private final Clock clock;

    IntakeFollowUps(LeadStore leads, IntakeRules rules, Outbox outbox, FirmProperties firm, IntakeProperties settings,
                    StaffLinks staffLinks, Clock clock) {
        this.staffLinks = staffLinks;
        this.leads = leads;
        this.rules = rules;
        this.outbox = outbox;
        this.firm = firm;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Escalates a lead still waiting (new or acknowledged) when its window ran out: the state moves to escalated (so
     * this happens once), a task for the intake owner goes to the practice-management system through the outbox,
     * and the owner's alert is returned for notify. Null when the lead booked, converted or was declined meanwhile.
     */
    public Notification escalate(@Body String leadId) {
        long id = Long.parseLong(leadId);
        Instant now = clock.instant();
        if (!leads.transition(id, List.of(LeadRecord.NEW, LeadRecord.ACKNOWLEDGED), LeadRecord.ESCALATED, now)) {
            log.info("lead {} needs no escalation", id);
            return null;
        }
        LeadRecord lead = leads.find(id).orElseThrow();
        IntakeRules.Person owner = rules.intakeOwner();
        String who = (lead.name() != null ? lead.name() + " " : "") + "(" + (lead.phone() != null ? lead.phone()
                : lead.email() != null ? lead.email() : "number withheld") + ")";
        String description = "Lead " + lead.id() + " " + who + " has not booked a consultation within "
                + settings.escalateAfter().toMinutes() + " minutes. " + (lead.callerWithheld()
                ? "The caller withheld their number: there is no number to call back, and they were not acknowledged."
                : "Call them back.") + "\n\n" + history(lead);
        outbox.enqueue("intake-escalation-task:" + id, PracticeTaskChannel.task(owner.practiceUserId(),
                "Call back lead " + who, description, null, IntakeCapture.WORKFLOW));
        leads.addEvent(id, "action", "task", "escalated: call-back task for " + owner.name() + " and an alert by "
                + owner.channel().id(), now, "escalated:" + id);
        Map<String, String> model = new HashMap<>();
        model.put("owner.firstName", owner.name().split(" ")[0]);
        model.put("lead.id", String.valueOf(id));
        model.put("lead.name", IntakeScreening.orUnknown(lead.name()));
        model.put("lead.phone", lead.phoneForStaff());
        model.put("lead.email", IntakeScreening.orUnknown(lead.email()));
        model.put("lead.practiceArea", lead.practiceArea());
        model.put("lead.attorney", IntakeScreening.orUnknown(lead.attorneyName()));
        model.put("lead.url", staffLinks.url(LeadPageController.KIND, id)); // opens on a phone, no API token
        return new Notification("intake-escalation:" + id, IntakeCapture.WORKFLOW, "escalation", lead.practiceArea(), null,
                new Recipient(owner.asContact(), "intake-owner"), model, false, false);
    }

    /** The confirmation of a booked consultation to the lead, by SMS and by email when known. */
    public List<Notification> bookingConfirmations(@Body String leadId) {
        return toLead(Long.parseLong(leadId), "booking-confirmed", "intake-booked:");
    }

    /** The reminder before the consultation; nothing if the lead no longer has one. */
    public List<Notification> reminders(@Body String leadId) {
        LeadRecord lead = leads.find(Long.parseLong(leadId)).orElseThrow();
        if (lead.bookedStart() == null || !lead.bookedStart().isAfter(clock.instant()) || LeadRecord.DECLINED.equals(lead.state())) {
            return List.of();
        }
        return toLead(lead.id(), "consultation-reminder", "intake-reminder:");
    }

    private List<Notification> toLead(long id, String milestone, String keyPrefix) {
        LeadRecord lead = leads.find(id).orElseThrow();
        ZoneId zone = firm.zone();
        Map<String, String> model = new HashMap<>();
        model.put("lead.firstName", lead.greetingName());
        model.put("consultation.when", lead.bookedStart() == null ? "" : WHEN.format(lead.bookedStart().atZone(zone)));
        model.put("consultation.attorney", IntakeScreening.orUnknown(lead.attorneyName()));
        String name = lead.name() != null ? lead.name() : lead.phone() != null ? lead.phone() : lead.email();
        List<Notification> out = new ArrayList<>();
        if (lead.phone() != null) {
            out.add(new Notification(keyPrefix + id + ":sms", IntakeCapture.WORKFLOW, milestone, lead.practiceArea(), null,
                    new Recipient(new Contact(null, name, lead.greetingName(), null, lead.phone(), Channel.SMS, null), "lead"),
                    model, false, false));
        }
        if (lead.email() != null) {
            out.add(new Notification(keyPrefix + id + ":email", IntakeCapture.WORKFLOW, milestone, lead.practiceArea(), null,
                    new Recipient(new Contact(null, name, lead.greetingName(), lead.email(), null, Channel.EMAIL, null), "lead"),
                    model, false, false));
        }
        leads.addEvent(id, "action", null, milestone + " queued", clock.instant(), milestone + ":" + id);
        return out;
    }

    /** The lead's history as text, for a task or a note. */
    String history(LeadRecord lead) {
        StringBuilder text = new StringBuilder("History (UTC):\n");
        for (LeadRecord.Event e : leads.events(lead.id())) {
            text.append("- ").append(e.occurredAt()).append(" ").append(e.kind())
                    .append(e.channel() == null ? "" : " (" + e.channel() + ")").append(": ").append(e.detail()).append('\n');
        }
        return text.toString();
    }
}
