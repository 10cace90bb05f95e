package com.casewire.notify;

import com.casewire.canonical.Notification;
import com.casewire.inbox.SecurityEvents;
import com.casewire.pages.Pages;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The approve / edit / reject links in the attorney's email, as a page (template {@code pages/approval}) an attorney
 * reads on a phone: the exact text, wrapped, with its subject, the matter, the client, the channel, and who asked
 * and when. The link itself is the credential: signed (HMAC-SHA256 with {@code hub.status-updates.approval-secret})
 * for one approval and one action, and expiring; the page offers the other two actions under the same expiry (the
 * email carried all three). GET only shows (mail scanners open links; a GET never decides); the POST of the form
 * decides. A bad signature is a 403 and a security event; an expired link a 410.
 */
@Controller
class ApprovalLinkController {

    private static final Map<String, String> LABELS = Map.of("approve", "Approve and send", "edit", "Edit, then send",
            "reject", "Reject");

    private final ApprovalWorkflow workflow;
    private final Approvals approvals;
    private final SecurityEvents security;
    private final ObjectMapper json;
    private final Pages pages;
    private final Clock clock;

    ApprovalLinkController(ApprovalWorkflow workflow, Approvals approvals, SecurityEvents security, ObjectMapper json,
                           Pages pages, Clock clock) {
        this.workflow = workflow;
        this.approvals = approvals;
        this.security = security;
        this.json = json;
        this.pages = pages;
        this.clock = clock;
    }

    /** One of the other actions, linked from the page under the same expiry. */
    record OtherAction(String label, String href) {
    }

    @GetMapping(path = "/approvals/{id}/{action}")
    ModelAndView show(@PathVariable long id, @PathVariable String action, @RequestParam(defaultValue = "0") long exp,
                      @RequestParam(defaultValue = "") String sig, HttpServletRequest request) throws IOException {
        ModelAndView refused = refuse(id, action, exp, sig, request);
        if (refused != null) {
            return refused;
        }
        Approvals.Parked parked = approvals.find(id).orElse(null);
        if (parked == null || parked.state() != ApprovalState.PENDING) {
            return decidedAlready(parked);
        }
        Notification n = json.readValue(parked.payload(), Notification.class);
        Notification.Text text = n.text();
        ApprovalLinks links = workflow.links().orElseThrow();
        Instant expires = Instant.ofEpochSecond(exp);
        List<OtherAction> others = ApprovalLinks.ACTIONS.stream().filter(a -> !a.equals(action))
                .map(a -> new OtherAction(LABELS.get(a), path(links.link(id, a, expires)))).toList();
        return pages.view("approval", HttpStatus.OK, titleFor(action, n))
                .addObject("action", action)
                .addObject("formAction", path(links.link(id, action, expires)))
                .addObject("matter", n.model().getOrDefault("matter.name", "matter " + n.matterId()))
                .addObject("matterNumber", n.model().get("matter.number"))
                .addObject("client", n.recipient().contact().name())
                .addObject("channel", text == null ? null : channelInWords(text.channel()))
                .addObject("subject", text == null || "sms".equals(text.channel()) ? null : text.subject())
                .addObject("body", text == null ? "" : text.body())
                .addObject("milestone", n.milestone())
                .addObject("askedFor", parked.attorneyEmail())
                .addObject("askedAt", pages.when(parked.createdAt()))
                .addObject("expiresAt", pages.when(expires))
                .addObject("others", others);
    }

    @PostMapping(path = "/approvals/{id}/{action}")
    ModelAndView decide(@PathVariable long id, @PathVariable String action, @RequestParam(defaultValue = "0") long exp,
                        @RequestParam(defaultValue = "") String sig,
                        @RequestParam(required = false) String text,
                        @RequestParam(required = false) String reason, HttpServletRequest request) {
        ModelAndView refused = refuse(id, action, exp, sig, request);
        if (refused != null) {
            return refused;
        }
        String by = "email link" + approvals.find(id).map(p -> p.attorneyEmail() == null ? "" : " (" + p.attorneyEmail() + ")")
                .orElse("");
        if ("edit".equals(action) && (text == null || text.isBlank())) {
            return pages.message(HttpStatus.BAD_REQUEST, "No text", "The edited text is empty; nothing was sent.");
        }
        ApprovalWorkflow.Outcome outcome = switch (action) {
            case "approve" -> workflow.approve(id, by, null);
            case "edit" -> workflow.approve(id, by, text);
            default -> workflow.reject(id, by, reason);
        };
        return switch (outcome) {
            case APPROVED -> pages.message(HttpStatus.OK, "Approved", "The update is on its way to the client.");
            case REJECTED -> pages.message(HttpStatus.OK, "Rejected", "Nothing was sent to the client. The decision is recorded.");
            case NOT_PENDING -> decidedAlready(approvals.find(id).orElse(null));
        };
    }

    /** Says who decided and when, so an attorney who finds a colleague already acted knows what happened. */
    private ModelAndView decidedAlready(Approvals.Parked parked) {
        if (parked == null) {
            // a correctly signed link whose approval is gone: nothing to decide, as for a decided one (409)
            return pages.message(HttpStatus.CONFLICT, "Already decided", "This update was not found. Nothing happens.");
        }
        String by = parked.decidedBy() == null ? "" : " by " + parked.decidedBy();
        String at = parked.decidedAt() == null ? "" : " on " + pages.when(parked.decidedAt());
        return pages.message(HttpStatus.CONFLICT, "Already decided", "This update was " + parked.state().name().toLowerCase()
                + by + at + ". Nothing more happens.");
    }

    private ModelAndView refuse(long id, String action, long exp, String sig, HttpServletRequest request) {
        if (workflow.links().isEmpty()) {
            return pages.message(HttpStatus.NOT_FOUND, "Links are off", "Approval links are not enabled; use the staff API.");
        }
        ApprovalLinks.Check check = workflow.links().get().check(id, action, exp, sig, clock.instant());
        return switch (check) {
            case OK -> null;
            case EXPIRED -> pages.message(HttpStatus.GONE, "Link expired",
                    "This link has expired. Use the staff API or ask for a new link.");
            case UNKNOWN_ACTION -> pages.message(HttpStatus.NOT_FOUND, "Unknown action", "Nothing here.");
            case BAD_SIGNATURE -> {
                security.record("approval-link", "invalid_signature", request.getRemoteAddr(),
                        "approval " + id + " action " + action);
                yield pages.message(HttpStatus.FORBIDDEN, "Invalid link", "This link is not valid.");
            }
        };
    }

    private static String titleFor(String action, Notification n) {
        String what = switch (action) {
            case "edit" -> "Edit";
            case "reject" -> "Reject";
            default -> "Approve";
        };
        return what + " the update to " + n.recipient().contact().name();
    }

    private static String channelInWords(String channel) {
        return switch (channel == null ? "" : channel) {
            case "sms" -> "text message (SMS)";
            case "email" -> "email";
            case "portal" -> "client portal note";
            default -> channel;
        };
    }

    /** The link's path and query: the page posts to itself on whatever host served it. */
    private static String path(String absolute) {
        return absolute.replaceFirst("^https?://[^/]+", "");
    }
}
