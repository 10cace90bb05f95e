package com.casewire.intake;

import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import com.casewire.pages.StaffLinks;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * The second stage of a new lead, run from a durable timer right after the lead is stored (so the acknowledgment never
 * waits for it): the conflict pre-check, routing to an attorney, and the alert to that attorney on their own
 * channel with the lead's details and the conflict result. Re-running it (a failed attempt retried) checks again
 * but keeps the attorney already chosen and alerts once.
 */
@Component("intakeScreening")
public class IntakeScreening {

    private final LeadStore leads;
    private final ConflictCheck conflicts;
    private final AttorneyRouter router;
    private final IntakeRules rules;
    private final StaffLinks staffLinks;
    private final Clock clock;

    IntakeScreening(LeadStore leads, ConflictCheck conflicts, AttorneyRouter router, IntakeRules rules,
                    StaffLinks staffLinks, Clock clock) {
        this.staffLinks = staffLinks;
        this.leads = leads;
        this.conflicts = conflicts;
        this.router = router;
        this.rules = rules;
        this.clock = clock;
    }

    /** Conflict pre-check, stored on the lead and in its history. */
    public LeadRecord checkConflicts(@Body String leadId) {
        LeadRecord lead = leads.find(Long.parseLong(leadId)).orElseThrow();
        ConflictCheck.Result result = conflicts.screen(lead);
        Instant now = clock.instant();
        leads.setConflict(lead.id(), result.status(), result.detail(), now);
        leads.addEvent(lead.id(), "action", null, "conflict pre-check: " + result.status()
                + (result.matches().isEmpty() ? "" : " (" + result.matches().size() + " matching records, for review)"),
                now, "conflict:" + lead.id() + ":" + result.status() + ":" + result.matches().size());
        return leads.find(lead.id()).orElseThrow();
    }

    /** The attorney for the lead (kept if one was chosen before). */
    public LeadRecord route(@Body LeadRecord lead) {
        if (lead.attorneyKey() != null) {
            return lead;
        }
        return assign(lead);
    }

    LeadRecord assign(LeadRecord lead) {
        AttorneyRouter.Choice choice = router.route(lead.practiceArea());
        Instant now = clock.instant();
        if (!leads.setAttorney(lead.id(), choice.attorney().key(), choice.attorney().name(), now)) {
            return leads.find(lead.id()).orElseThrow(); // routed meanwhile by the other path: that choice stands
        }
        leads.addEvent(lead.id(), "action", null, "routed to " + choice.attorney().name() + ": " + choice.reason(), now,
                "routed:" + lead.id());
        return leads.find(lead.id()).orElseThrow();
    }

    /** The alert to the chosen attorney, on the channel they asked for. */
    public Notification attorneyAlert(@Body LeadRecord lead) {
        IntakeRules.Person attorney = rules.attorney(lead.attorneyKey()).orElseThrow();
        Map<String, String> model = new HashMap<>();
        model.put("attorney.firstName", attorney.name().split(" ")[0]);
        model.put("lead.id", String.valueOf(lead.id()));
        model.put("lead.name", orUnknown(lead.name()));
        model.put("lead.phone", lead.phoneForStaff());
        model.put("lead.email", orUnknown(lead.email()));
        model.put("lead.matterType", orUnknown(lead.matterType()));
        model.put("lead.practiceArea", lead.practiceArea());
        model.put("lead.source", lead.source());
        model.put("lead.summary", orUnknown(lead.summary()));
        model.put("lead.adverseParty", orUnknown(lead.adverseParty()));
        model.put("lead.url", staffLinks.url(LeadPageController.KIND, lead.id())); // opens on a phone, no API token
        model.put("conflict.status", ConflictCheck.POTENTIAL.equals(lead.conflictStatus())
                ? "POTENTIAL CONFLICT - review before calling" : lead.conflictStatus());
        model.put("conflict.detail", lead.conflictDetail() == null ? "not checked" : lead.conflictDetail());
        leads.addEvent(lead.id(), "action", attorney.channel().id(), "attorney alert to " + attorney.name() + " by "
                + attorney.channel().id(), clock.instant(), "alert:" + lead.id());
        return new Notification("intake-alert:" + lead.id(), IntakeCapture.WORKFLOW, "attorney-alert", lead.practiceArea(),
                null, new Recipient(attorney.asContact(), "attorney"), model, false, false);
    }

    static String orUnknown(String value) {
        return value == null || value.isBlank() ? "not given" : value;
    }
}
