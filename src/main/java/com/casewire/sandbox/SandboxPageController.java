package com.casewire.sandbox;

import com.casewire.audit.CommunicationLog;
import com.casewire.lawpay.PayLinks;
import com.casewire.payments.PaymentEvents;
import com.casewire.notify.Approvals;
import com.casewire.notify.Notifier;
import com.casewire.schedule.DurableTimers;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The sandbox's window: texts Twilio "sent", notes Clio "stored", mail captured, the communication log. */
@RestController
@Profile("sandbox")
class SandboxPageController {

    private final SandboxState state;
    private final GreenMail mail;
    private final CommunicationLog commLog;
    private final DurableTimers timers;
    private final PaymentEvents payments;
    private final PayLinks payLinks;
    private final Approvals approvals;

    SandboxPageController(SandboxState state, GreenMail mail, CommunicationLog commLog, DurableTimers timers,
                          PaymentEvents payments, PayLinks payLinks, Approvals approvals) {
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
                <meta http-equiv="refresh" content="5">
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}
                td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}pre{margin:0;white-space:pre-wrap}</style>
                </head><body><h1>CaseWire sandbox</h1>
                <p>Post a sample event with <code>scripts/sandbox-event.sh</code>; this page refreshes every 5 s.</p>
                """);
        section(html, "Messages held for quiet hours (released when the window opens)", List.of("key", "due"),
                timers.pending(Notifier.RELEASE_TIMER).stream().map(e -> List.of(e.getKey(), e.getValue().toString())).toList());
        section(html, "Matters whose next update waits for their update window (milestones are combined)",
                List.of("timer", "due"),
                timers.pending("status-flush").stream().map(e -> List.of(e.getKey(), e.getValue().toString())).toList());
        section(html, "Updates waiting for an attorney's approval (the approval email is in the captured mail below)",
                List.of("id", "matter", "update", "since"),
                approvals.inState("PENDING").stream().map(a -> List.of(String.valueOf(a.id()), String.valueOf(a.matterId()),
                        a.notificationKey(), a.createdAt().toString())).toList());
        section(html, "SMS received by the Twilio simulator", List.of("time", "to", "body"),
                state.messages.stream().map(m -> List.of(m.at().toString(), m.to(), m.body())).toList());
        List<List<String>> mailRows = new ArrayList<>();
        for (Map<String, String> m : mails()) {
            mailRows.add(List.of(m.get("to"), m.get("subject"), m.get("body")));
        }
        section(html, "Mail captured by the sandbox SMTP server", List.of("to", "subject", "body"), mailRows);
        section(html, "Notes written on matters in the Clio simulator", List.of("matter", "subject", "detail"),
                state.notes.stream().map(n -> List.of(n.matterId(), n.subject(), n.detail())).toList());
        section(html, "Time entries in the Clio simulator (quantity in seconds)", List.of("matter", "user", "date", "seconds", "note"),
                state.timeEntries.stream().map(e -> List.of(e.matterId(), e.userId(), e.date(), String.valueOf(e.quantity()),
                        String.valueOf(e.note()))).toList());
        html.append("<p>Try a payment: <a href=\"").append(HtmlUtils.htmlEscape(payLinks.forInvoice(125_000, "INV-1001")))
                .append("\">pay link for invoice INV-1001, $1,250.00</a></p>");
        section(html, "Payments recorded by the hub (re-fetched from the LawPay simulator)",
                List.of("event", "type", "invoice", "amount (cents)"),
                payments.recent().stream().map(p -> List.of(p.eventId(), p.type().name(), String.valueOf(p.invoiceReference()),
                        String.valueOf(p.amountCents()))).toList());
        section(html, "Communication log", List.of("seq", "time", "matter", "channel", "to", "outcome", "text"),
                commLog.all().stream().map(e -> List.of(e.chainSeq() == null ? "(sealing)" : e.chainSeq().toString(),
                        e.entry().recordedAt().toString(), String.valueOf(e.entry().matterId()), e.entry().channel(),
                        String.valueOf(e.entry().recipientAddress()), e.entry().outcome(), e.entry().body())).toList());
        return html.append("</body></html>").toString();
    }

    private List<Map<String, String>> mails() throws MessagingException {
        List<Map<String, String>> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("to", String.join(", ", List.of(m.getHeader("To"))));
            row.put("subject", m.getSubject());
            row.put("body", readable(m));
            out.add(row);
        }
        return out;
    }

    /** A multipart message (billing email with a PDF) as its plain text and the names of its attachments. */
    private static String readable(MimeMessage m) throws MessagingException {
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
