package com.casewire.intake;

import com.casewire.outbox.OutboundMessage;
import com.casewire.outbox.Outbox;
import com.casewire.practice.PracticeManagement;
import com.casewire.schedule.DurableTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Staff mark a lead converted: the person becomes a contact and the matter is opened in the practice-management
 * system with the lead's details, and the lead's history goes on the matter as a note (through the outbox). Each id
 * is stored as soon as it exists, so a conversion cut short (a vendor error) resumes without creating anything twice.
 */
@Component
public class IntakeConversion {

    /** What a conversion produced. */
    public record Converted(long leadId, String contactId, String matterId) {
    }

    /** The lead cannot be converted as it is; the message says why. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final LeadStore leads;
    private final PracticeManagement practice;
    private final IntakeRules rules;
    private final IntakeFollowUps followUps;
    private final Outbox outbox;
    private final DurableTimers timers;
    private final Clock clock;

    IntakeConversion(LeadStore leads, PracticeManagement practice, IntakeRules rules, IntakeFollowUps followUps,
                     Outbox outbox, DurableTimers timers, Clock clock) {
        this.leads = leads;
        this.practice = practice;
        this.rules = rules;
        this.followUps = followUps;
        this.outbox = outbox;
        this.timers = timers;
        this.clock = clock;
    }

    /** The route's entry: the lead id as the body, an optional matter description as a header. */
    public Converted convertLead(@org.apache.camel.Body String leadId,
                                 @org.apache.camel.Header("casewireMatterDescription") String description) {
        return convert(Long.parseLong(leadId), description);
    }

    public synchronized Converted convert(long id, String description) {
        LeadRecord lead = leads.find(id).orElseThrow(() -> new Refused("no lead " + id));
        if (LeadRecord.DECLINED.equals(lead.state())) {
            throw new Refused("lead " + id + " was declined");
        }
        if (LeadRecord.CONVERTED.equals(lead.state())) {
            return new Converted(id, lead.practiceContactId(), lead.practiceMatterId());
        }
        if (lead.name() == null || lead.name().isBlank()) {
            throw new Refused("lead " + id + " has no name; a contact needs one");
        }
        Instant now = clock.instant();
        String contactId = lead.practiceContactId();
        if (contactId == null) {
            List<String> words = Arrays.asList(lead.name().strip().split("\\s+"));
            String first = words.size() > 1 ? String.join(" ", words.subList(0, words.size() - 1)) : null;
            String last = words.get(words.size() - 1);
            contactId = practice.createContact(new PracticeManagement.NewContact(first, last, lead.email(), lead.phone()));
            leads.setPracticeContact(id, contactId, now);
            leads.addEvent(id, "action", null, "contact " + contactId + " created in the practice-management system", now,
                    "converted-contact:" + id);
        }
        String matterId = lead.practiceMatterId();
        if (matterId == null) {
            String text = description != null && !description.isBlank() ? description
                    : (lead.matterType() != null ? lead.matterType() : lead.practiceArea()) + " - " + lead.name();
            String attorney = rules.attorney(lead.attorneyKey()).map(IntakeRules.Person::practiceUserId).orElse(null);
            matterId = practice.createMatter(new PracticeManagement.NewMatter(contactId, text, lead.practiceArea(), attorney));
            leads.setPracticeMatter(id, matterId, now);
            leads.addEvent(id, "action", null, "matter " + matterId + " opened in the practice-management system", now,
                    "converted-matter:" + id);
        }
        LeadRecord current = leads.find(id).orElseThrow();
        String detail = "Lead " + id + " (" + current.source() + ", " + current.practiceArea() + ")"
                + "\nName: " + current.name() + "\nPhone: " + IntakeScreening.orUnknown(current.phone())
                + "\nEmail: " + IntakeScreening.orUnknown(current.email())
                + "\nSummary: " + IntakeScreening.orUnknown(current.summary())
                + "\nAdverse party: " + IntakeScreening.orUnknown(current.adverseParty())
                + "\nConflict pre-check: " + current.conflictStatus()
                + (current.conflictDetail() == null ? "" : "\n" + current.conflictDetail())
                + "\n\n" + followUps.history(current);
        outbox.enqueue("intake-conversion-note:" + id, OutboundMessage.matterNote(matterId, "Intake history", detail)
                .withWorkflow(IntakeCapture.WORKFLOW));
        leads.transition(id, List.of(LeadRecord.NEW, LeadRecord.ACKNOWLEDGED, LeadRecord.BOOKED, LeadRecord.ESCALATED),
                LeadRecord.CONVERTED, now);
        timers.cancel(IntakeTimers.ESCALATE + ":" + id);
        leads.addEvent(id, "action", null, "converted by staff", now, "converted:" + id);
        return new Converted(id, contactId, matterId);
    }

    public boolean decline(long id, String reason) {
        Instant now = clock.instant();
        boolean declined = leads.transition(id, List.of(LeadRecord.NEW, LeadRecord.ACKNOWLEDGED, LeadRecord.BOOKED,
                LeadRecord.ESCALATED), LeadRecord.DECLINED, now);
        if (declined) {
            timers.cancel(IntakeTimers.ESCALATE + ":" + id);
            timers.cancel(IntakeTimers.REMIND + ":" + id);
            leads.addEvent(id, "action", null, "declined by staff" + (reason == null || reason.isBlank() ? "" : ": " + reason),
                    now, "declined:" + id);
        }
        return declined;
    }
}
