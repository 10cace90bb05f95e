package com.casewire.ops;

import com.casewire.canonical.Notification;
import com.casewire.inbound.SecurityEvents;
import com.casewire.notify.ApprovalLinks;
import com.casewire.notify.ApprovalWorkflow;
import com.casewire.notify.Approvals;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
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
 * The approve / edit / reject links in the attorney's email. The link itself is the credential: signed
 * (HMAC-SHA256 with {@code hub.status-updates.approval-secret}) for one approval and one action, and expiring.
 * GET only shows the text and a confirm button (mail scanners open links; a GET never decides); the POST
 * of that form decides. A bad signature is a 403 and a security event; an expired link a 410.
 */
@RestController
class ApprovalLinkController {

    private final ApprovalWorkflow workflow;
    private final Approvals approvals;
    private final SecurityEvents security;
    private final ObjectMapper json;
    private final Clock clock;

    ApprovalLinkController(ApprovalWorkflow workflow, Approvals approvals, SecurityEvents security, ObjectMapper json,
                           Clock clock) {
        this.workflow = workflow;
        this.approvals = approvals;
        this.security = security;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping(path = "/approvals/{id}/{action}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@PathVariable long id, @PathVariable String action, @RequestParam(defaultValue = "0") long exp,
                                @RequestParam(defaultValue = "") String sig, HttpServletRequest request) throws IOException {
        ResponseEntity<String> refused = refuse(id, action, exp, sig, request);
        if (refused != null) {
            return refused;
        }
        Approvals.Parked parked = approvals.find(id).orElse(null);
        if (parked == null || !"PENDING".equals(parked.state())) {
            return page(HttpStatus.CONFLICT, "Already decided", "This update was " + (parked == null ? "not found"
                    : parked.state().toLowerCase() + " already") + ". Nothing more happens.");
        }
        Notification n = json.readValue(parked.payload(), Notification.class);
        Notification.Text text = n.text();
        String body = text == null ? "" : text.body();
        String channel = text == null ? "" : " by " + text.channel();
        StringBuilder html = new StringBuilder("<p>Client update for <b>")
                .append(esc(n.model().getOrDefault("matter.name", "matter " + n.matterId()))).append("</b> to ")
                .append(esc(n.recipient().contact().name())).append(esc(channel)).append(":</p>");
        String form = "<form method=\"post\" action=\"/approvals/" + id + "/" + action + "?exp=" + exp + "&amp;sig=" + esc(sig) + "\">";
        switch (action) {
            case "edit" -> html.append(form).append("<textarea name=\"text\" rows=\"10\" cols=\"80\">").append(esc(body))
                    .append("</textarea><br><button type=\"submit\">Send this text</button></form>");
            case "approve" -> html.append("<pre>").append(esc(body)).append("</pre>").append(form)
                    .append("<button type=\"submit\">Approve and send</button></form>");
            default -> html.append("<pre>").append(esc(body)).append("</pre>").append(form)
                    .append("<input name=\"reason\" placeholder=\"reason (optional)\" size=\"60\"> ")
                    .append("<button type=\"submit\">Reject: send nothing</button></form>");
        }
        return page(HttpStatus.OK, "Approval " + id, html.toString(), true);
    }

    @PostMapping(path = "/approvals/{id}/{action}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> decide(@PathVariable long id, @PathVariable String action, @RequestParam(defaultValue = "0") long exp,
                                  @RequestParam(defaultValue = "") String sig,
                                  @RequestParam(required = false) String text,
                                  @RequestParam(required = false) String reason, HttpServletRequest request) {
        ResponseEntity<String> refused = refuse(id, action, exp, sig, request);
        if (refused != null) {
            return refused;
        }
        String by = "email link" + approvals.find(id).map(p -> p.attorneyEmail() == null ? "" : " (" + p.attorneyEmail() + ")")
                .orElse("");
        ApprovalWorkflow.Outcome outcome = switch (action) {
            case "approve" -> workflow.approve(id, by, null);
            case "edit" -> {
                if (text == null || text.isBlank()) {
                    yield null;
                }
                yield workflow.approve(id, by, text);
            }
            default -> workflow.reject(id, by, reason);
        };
        if (outcome == null) {
            return page(HttpStatus.BAD_REQUEST, "No text", "The edited text is empty; nothing was sent.");
        }
        return switch (outcome) {
            case APPROVED -> page(HttpStatus.OK, "Approved", "The update is on its way to the client.");
            case REJECTED -> page(HttpStatus.OK, "Rejected", "Nothing was sent to the client. The decision is recorded.");
            case NOT_PENDING -> page(HttpStatus.CONFLICT, "Already decided", "This update was decided already. Nothing more happens.");
        };
    }

    private ResponseEntity<String> refuse(long id, String action, long exp, String sig, HttpServletRequest request) {
        if (!workflow.links().isPresent()) {
            return page(HttpStatus.NOT_FOUND, "Links are off", "Approval links are not enabled; use the staff API.");
        }
        ApprovalLinks.Check check = workflow.links().get().check(id, action, exp, sig, clock.instant());
        return switch (check) {
            case OK -> null;
            case EXPIRED -> page(HttpStatus.GONE, "Link expired", "This link has expired. Use the staff API or ask for a new link.");
            case UNKNOWN_ACTION -> page(HttpStatus.NOT_FOUND, "Unknown action", "Nothing here.");
            case BAD_SIGNATURE -> {
                security.record("approval-link", "invalid_signature", request.getRemoteAddr(),
                        "approval " + id + " action " + action);
                yield page(HttpStatus.FORBIDDEN, "Invalid link", "This link is not valid.");
            }
        };
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String text) {
        return page(status, title, "<p>" + esc(text) + "</p>", true);
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String html, boolean raw) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body("<!doctype html><html><head>"
                + "<meta charset=\"utf-8\"><title>" + esc(title) + "</title></head><body style=\"font-family:sans-serif\"><h1>"
                + esc(title) + "</h1>" + html + "</body></html>");
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }
}
