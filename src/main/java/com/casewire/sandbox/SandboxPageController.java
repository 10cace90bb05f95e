package com.casewire.sandbox;

import com.casewire.audit.CommunicationLog;
import com.casewire.inbox.InboxStore;
import com.casewire.intake.BookingLinks;
import com.casewire.intake.LeadRecord;
import com.casewire.intake.LeadStore;
import com.casewire.lawpay.PayLinks;
import com.casewire.notify.ApprovalLinks;
import com.casewire.notify.ApprovalState;
import com.casewire.notify.ApprovalWorkflow;
import com.casewire.notify.Approvals;
import com.casewire.notify.Notifier;
import com.casewire.pages.Pages;
import com.casewire.pages.StaffLinks;
import com.casewire.payments.PaymentEvents;
import com.casewire.schedule.DurableTimers;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sandbox's window: texts Twilio "sent", notes Clio "stored", mail captured, the communication log; newest first,
 * times in the firm's zone, matters by name, and links to every page (approval, lead, booking).
 */
@RestController
@Profile("sandbox")
class SandboxPageController {

    private static final Pattern MATTER_KEY = Pattern.compile("matter-status:([^:]+):([a-z-]+)");
    private static final Comparator<Map.Entry<String, Instant>> NEWEST_DUE =
            Comparator.comparing((Map.Entry<String, Instant> e) -> e.getValue()).reversed();

    private final SandboxState state;
    private final GreenMail mail;
    private final CommunicationLog commLog;
    private final DurableTimers timers;
    private final PaymentEvents payments;
    private final PayLinks payLinks;
    private final Approvals approvals;
    private final ApprovalWorkflow approvalWorkflow;
    private final LeadStore leads;
    private final StaffLinks staffLinks;
    private final BookingLinks bookingLinks;
    private final Pages pages;
    private final Clock clock;
    private final InboxStore inbox;

    SandboxPageController(InboxStore inbox, SandboxState state, GreenMail mail, CommunicationLog commLog, DurableTimers timers,
                          PaymentEvents payments, PayLinks payLinks, Approvals approvals, ApprovalWorkflow approvalWorkflow,
                          LeadStore leads, StaffLinks staffLinks, BookingLinks bookingLinks, Pages pages,
                          Clock clock) {
        this.clock = clock;
        this.inbox = inbox;
        this.approvalWorkflow = approvalWorkflow;
        this.leads = leads;
        this.staffLinks = staffLinks;
        this.bookingLinks = bookingLinks;
        this.pages = pages;
        this.approvals = approvals;
        this.payments = payments;
        this.payLinks = payLinks;
        this.state = state;
        this.mail = mail;
        this.commLog = commLog;
        this.timers = timers;
    }

    @GetMapping(path = "/sandbox/state.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> stateJson() throws MessagingException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sms", state.messages);
        out.put("notes", state.notes);
        out.put("timeEntries", state.timeEntries);
        out.put("mail", mails());
        return out;
    }

    @GetMapping(path = "/sandbox", produces = MediaType.TEXT_HTML_VALUE)
    String page() throws MessagingException {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>CaseWire sandbox</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="refresh" content="5">
                <style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;margin-bottom:2em}
                td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
                pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}li{margin:.3em 0}</style>
                </head><body><h1>CaseWire sandbox</h1>
                <p>Post a sample event with <code>scripts/sandbox-event.sh</code>; this page refreshes every 5 s. Times are
                """).append(HtmlUtils.htmlEscape(Pages.zoneName(pages.zone()))).append(", newest first.</p>");
        pageLinks(html);
        section(html, "Messages held for quiet hours (released when the window opens)", List.of("due", "message"),
                timers.pending(Notifier.RELEASE_TIMER).stream().sorted(NEWEST_DUE)
                        .map(e -> List.of(pages.when(e.getValue()), heldMessage(e.getKey()))).toList());
        section(html, "Matters whose next update waits for their update window (milestones are combined)",
                List.of("due", "matter"),
                timers.pending("status-flush").stream().sorted(NEWEST_DUE).map(e -> List.of(pages.when(e.getValue()),
                        matterName(e.getKey().split(":")[1]))).toList());
        section(html, "Updates waiting for an attorney's approval (the approval email is in the captured mail below)",
                List.of("since", "id", "matter", "update"),
                newestFirst(approvals.inState(ApprovalState.PENDING)).stream().map(a -> List.of(pages.when(a.createdAt()),
                        String.valueOf(a.id()), matterName(a.matterId()), milestoneOf(a.notificationKey()))).toList());
        section(html, "Events no route could process (fix the file it names, restart, then POST /api/inbox/{id}/replay)",
                List.of("received", "id", "from", "event", "error"),
                newestFirst(inbox.inState("FAILED", 50)).stream().map(e -> List.of(pages.when(e.receivedAt()),
                        String.valueOf(e.id()), e.source(), String.valueOf(e.eventType()), String.valueOf(e.lastError()))).toList());
        section(html, "SMS received by the Twilio simulator", List.of("time", "to", "body"),
                newestFirst(state.messages).stream().map(m -> List.of(pages.when(m.at()), m.to(), m.body())).toList());
        List<List<String>> mailRows = new ArrayList<>();
        for (Map<String, String> m : newestFirst(mails())) {
            mailRows.add(List.of(m.get("time"), m.get("to"), m.get("subject"), m.get("body")));
        }
        section(html, "Mail captured by the sandbox SMTP server", List.of("time", "to", "subject", "body"), mailRows);
        section(html, "Posts received by the webhook catcher (/sandbox/webhooks/{name})", List.of("time", "hook", "body"),
                newestFirst(state.webhooks).stream().map(w -> List.of(pages.when(w.at()), w.name(), w.body())).toList());
        section(html, "Notes written on matters in the Clio simulator", List.of("time", "matter", "subject", "detail"),
                newestFirst(state.notes).stream().map(n -> List.of(pages.when(n.at()), matterName(n.matterId()), n.subject(),
                        n.detail())).toList());
        section(html, "Time entries in the Clio simulator (quantity in seconds)", List.of("matter", "user", "date", "seconds", "note"),
                newestFirst(state.timeEntries).stream().map(e -> List.of(matterName(e.matterId()), e.userId(), e.date(),
                        String.valueOf(e.quantity()), String.valueOf(e.note()))).toList());
        html.append("<p>Try a payment: <a href=\"").append(HtmlUtils.htmlEscape(payLinks.forInvoice(125_000, "INV-1001")))
                .append("\">pay link for invoice INV-1001, $1,250.00</a></p>");
        section(html, "Payments recorded by the hub (re-fetched from the LawPay simulator)",
                List.of("event", "type", "invoice", "amount (cents)"),
                payments.recent().stream().map(p -> List.of(p.eventId(), p.type().name(), String.valueOf(p.invoiceReference()),
                        String.valueOf(p.amountCents()))).toList());
        section(html, "Communication log", List.of("seq", "time", "matter", "channel", "to", "outcome", "text"),
                newestFirst(commLog.all()).stream().map(e -> List.of(e.chainSeq() == null ? "(sealing)" : e.chainSeq().toString(),
                        pages.when(e.entry().recordedAt()), matterName(e.entry().matterId()), e.entry().channel(),
                        String.valueOf(e.entry().recipientAddress()), e.entry().outcome(), e.entry().body())).toList());
        return html.append("</body></html>").toString();
    }

    /**
     * Links to every page a newcomer should try: each pending approval's approve / edit / reject page (signed, as in
     * the approval email), and each open lead's staff page and booking page.
     */
    private void pageLinks(StringBuilder html) {
        html.append("<h2>Pages to open (on a phone too)</h2><ul id=\"page-links\">");
        int links = 0;
        if (approvalWorkflow.links().isPresent()) {
            Instant expires = clock.instant().plus(Duration.ofHours(24));
            for (Approvals.Parked a : newestFirst(approvals.inState(ApprovalState.PENDING))) {
                html.append("<li>Approval ").append(a.id()).append(" (").append(HtmlUtils.htmlEscape(matterName(a.matterId())))
                        .append("): ");
                for (String action : ApprovalLinks.ACTIONS) {
                    html.append("<a href=\"").append(HtmlUtils.htmlEscape(approvalWorkflow.links().get().link(a.id(), action, expires)))
                            .append("\">").append(action).append("</a> ");
                }
                html.append("</li>");
                links++;
            }
        }
        for (LeadRecord lead : leads.list(null)) {
            if (!lead.open() || links >= 20) {
                continue;
            }
            String who = HtmlUtils.htmlEscape(lead.name() == null ? "caller " + lead.id() : lead.name());
            html.append("<li>Lead ").append(who).append(": <a href=\"").append(HtmlUtils.htmlEscape(staffLinks.url("lead", lead.id())))
                    .append("\">lead page</a>, <a href=\"").append(HtmlUtils.htmlEscape(bookingLinks.url(lead.id())))
                    .append("\">booking page</a></li>");
            links++;
        }
        if (links == 0) {
            html.append("<li>None yet: run <code>scripts/sandbox-walkthrough.sh</code> (an approval) or "
                    + "<code>scripts/sandbox-call.sh</code> (a lead). One-tap time-entry links arrive in the attorney's "
                    + "prompt (SMS above).</li>");
        }
        html.append("</ul>");
    }

    /** "Garcia Custody (00003-Garcia)" for a matter the Clio simulator holds, else its id. */
    private String matterName(String matterId) {
        Map<String, Object> matter = matterId == null ? null : state.matters.get(matterId);
        if (matter == null) {
            return matterId == null ? "(no matter)" : "matter " + matterId;
        }
        return matter.get("description") + " (" + matter.get("display_number") + ")";
    }

    /** A held notification's key ("notify-release:matter-status:1003:intake-complete:...:epoch") in words. */
    private String heldMessage(String timerKey) {
        Matcher m = MATTER_KEY.matcher(timerKey);
        return m.find() ? m.group(2) + " on " + matterName(m.group(1)) : timerKey.replaceFirst("^[^:]+:", "");
    }

    private static String milestoneOf(String notificationKey) {
        Matcher m = MATTER_KEY.matcher(notificationKey);
        return m.find() ? m.group(2) : notificationKey;
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        List<T> reversed = new ArrayList<>(oldestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    private List<Map<String, String>> mails() throws MessagingException {
        List<Map<String, String>> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("time", m.getSentDate() == null ? "" : pages.when(m.getSentDate().toInstant()));
            row.put("to", String.join(", ", List.of(m.getHeader("To"))));
            row.put("subject", m.getSubject());
            row.put("body", readable(m));
            out.add(row);
        }
        return out;
    }

    /** A multipart message (billing email with a PDF) as its plain text and the names of its attachments. */
    static String readable(MimeMessage m) throws MessagingException {
        try {
            if (!(m.getContent() instanceof jakarta.mail.Multipart)) {
                return GreenMailUtil.getBody(m);
            }
            StringBuilder text = new StringBuilder();
            List<String> files = new ArrayList<>();
            collect(m, text, files);
            files.forEach(f -> text.append("\n[attached: ").append(f).append("]"));
            return text.toString();
        } catch (java.io.IOException e) {
            return GreenMailUtil.getBody(m);
        }
    }

    private static void collect(jakarta.mail.Part part, StringBuilder text, List<String> files)
            throws MessagingException, java.io.IOException {
        if (part.getFileName() != null) {
            files.add(part.getFileName());
        } else if (part.getContent() instanceof jakarta.mail.Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                collect(multi.getBodyPart(i), text, files);
            }
        } else if (part.isMimeType("text/plain") && text.isEmpty()) {
            text.append(part.getContent());
        }
    }

    private static void section(StringBuilder html, String title, List<String> headers, List<List<String>> rows) {
        html.append("<h2>").append(HtmlUtils.htmlEscape(title)).append(" (").append(rows.size()).append(")</h2><table><tr>");
        headers.forEach(h -> html.append("<th>").append(h).append("</th>"));
        html.append("</tr>");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td><pre>").append(HtmlUtils.htmlEscape(String.valueOf(cell))).append("</pre></td>"));
            html.append("</tr>");
        }
        html.append("</table>");
    }
}
