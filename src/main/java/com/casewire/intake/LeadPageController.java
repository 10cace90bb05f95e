package com.casewire.intake;

import com.casewire.inbox.SecurityEvents;
import com.casewire.links.SignedTokens;
import com.casewire.pages.Pages;
import com.casewire.pages.StaffLinks;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The lead page behind the signed link in the attorney's lead alert and the intake owner's escalation
 * ({@code /staff/lead/{token}}, template {@code pages/lead}): the caller, the matter type, the conflict findings, the
 * history, and convert / decline buttons, readable on the phone the alert went to without an API token. Convert
 * runs the same route as {@code POST /api/intake/leads/{id}/convert}; decline the same rule as the API's. A tampered
 * link is a 403 and a security event, an expired one a 410.
 */
@Controller
class LeadPageController {

    static final String KIND = "lead";

    private final StaffLinks links;
    private final LeadStore leads;
    private final LeadApi api;
    private final IntakeConversion conversion;
    private final SecurityEvents security;
    private final Pages pages;

    LeadPageController(StaffLinks links, LeadStore leads, LeadApi api, IntakeConversion conversion,
                       SecurityEvents security, Pages pages) {
        this.links = links;
        this.leads = leads;
        this.api = api;
        this.conversion = conversion;
        this.security = security;
        this.pages = pages;
    }

    /** One line of the lead's history as the page shows it: local time first. */
    record HistoryLine(String when, String kind, String channel, String detail) {
    }

    @GetMapping("/staff/lead/{token}")
    ModelAndView show(@PathVariable String token, HttpServletRequest request) {
        Resolved r = resolve(token, request);
        return r.refusal() != null ? r.refusal() : page(r.lead(), token, null);
    }

    @PostMapping("/staff/lead/{token}/convert")
    ModelAndView convert(@PathVariable String token, @RequestParam(required = false) String matterDescription,
                         HttpServletRequest request) {
        Resolved r = resolve(token, request);
        if (r.refusal() != null) {
            return r.refusal();
        }
        LeadRecord lead = r.lead();
        try {
            IntakeConversion.Converted converted = api.convertThroughRoute(lead.id(),
                    matterDescription == null || matterDescription.isBlank() ? null : matterDescription.strip());
            return page(leads.find(lead.id()).orElseThrow(), token, "Converted: contact " + converted.contactId()
                    + " and matter " + converted.matterId() + " are in the practice system.");
        } catch (IntakeConversion.Refused e) {
            ModelAndView view = page(lead, token, "Not converted: " + e.getMessage()).addObject("problem", true);
            view.setStatus(HttpStatus.CONFLICT);
            return view;
        } catch (CamelExecutionException e) {
            ModelAndView view = page(lead, token, "Not converted: the practice system failed (" + LeadApi.failure(e)
                    + "). Nothing was created twice; try again in a minute.").addObject("problem", true);
            view.setStatus(HttpStatus.BAD_GATEWAY);
            return view;
        }
    }

    @PostMapping("/staff/lead/{token}/decline")
    ModelAndView decline(@PathVariable String token, @RequestParam(required = false) String reason,
                         HttpServletRequest request) {
        Resolved r = resolve(token, request);
        if (r.refusal() != null) {
            return r.refusal();
        }
        LeadRecord lead = r.lead();
        if (!conversion.decline(lead.id(), reason == null || reason.isBlank() ? null : reason.strip())) {
            ModelAndView view = page(lead, token, "Not declined: the lead is already " + lead.state() + ".")
                    .addObject("problem", true);
            view.setStatus(HttpStatus.CONFLICT);
            return view;
        }
        return page(leads.find(lead.id()).orElseThrow(), token, "Declined. The decision is on the lead's history.");
    }

    private ModelAndView page(LeadRecord lead, String token, String outcome) {
        List<HistoryLine> history = leads.events(lead.id()).stream()
                .sorted(Comparator.comparing(LeadRecord.Event::occurredAt).reversed())
                .map(e -> new HistoryLine(pages.when(e.occurredAt()), e.kind(), e.channel(), e.detail())).toList();
        List<String> conflicts = lead.conflictDetail() == null || ConflictCheck.CLEAR.equals(lead.conflictStatus())
                ? List.of() : List.of(lead.conflictDetail().split("\n"));
        return pages.view("lead", HttpStatus.OK, "Lead: " + (lead.name() == null ? "caller " + lead.id() : lead.name()))
                .addObject("lead", lead)
                .addObject("phone", lead.phoneForStaff())
                .addObject("created", pages.when(lead.createdAt()))
                .addObject("booked", lead.bookedStart() == null ? null : pages.when(lead.bookedStart()))
                .addObject("potentialConflict", ConflictCheck.POTENTIAL.equals(lead.conflictStatus()))
                .addObject("conflicts", conflicts)
                .addObject("history", history)
                .addObject("convertAction", "/staff/lead/" + token + "/convert")
                .addObject("declineAction", "/staff/lead/" + token + "/decline")
                .addObject("outcome", outcome);
    }

    /** The lead the link names, or the page that refuses it (tampered 403, expired 410, no such lead 404). */
    private record Resolved(LeadRecord lead, ModelAndView refusal) {
    }

    private Resolved resolve(String token, HttpServletRequest request) {
        StaffLinks.Check check = links.check(KIND, token);
        if (check.verdict() == SignedTokens.Verdict.TAMPERED) {
            security.record("staff-link", "invalid_signature", request.getRemoteAddr(), "lead page link did not verify");
            return new Resolved(null, pages.message(HttpStatus.FORBIDDEN, "Invalid link", "This link is not valid."));
        }
        if (check.verdict() == SignedTokens.Verdict.EXPIRED) {
            return new Resolved(null, pages.message(HttpStatus.GONE, "Link expired",
                    "This link has expired. The lead is in the intake list of the staff API."));
        }
        return leads.find(check.id()).map(lead -> new Resolved(lead, null)).orElseGet(() ->
                new Resolved(null, pages.message(HttpStatus.NOT_FOUND, "Not found", "This link names no lead.")));
    }
}
