package com.casewire.notify;

import com.casewire.audit.LogMask;
import com.casewire.canonical.Notification;
import com.casewire.config.FirmProperties;
import com.casewire.config.HubProperties;
import com.casewire.outbox.OutboundMessage;
import com.casewire.outbox.Outbox;
import com.casewire.schedule.DurableTimers;
import com.casewire.schedule.TimerHandler;
import com.casewire.statusupdate.StatusUpdateProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval checkpoint after a notification is parked: the responsible attorney gets an email with the
 * exact text and signed, expiring approve/edit/reject links; an approval sends exactly that text (or the
 * attorney's edit) through {@code direct:notify}, once; a rejection is recorded and sends nothing; an
 * approval nobody answers is escalated once after {@code hub.status-updates.approval-escalate-after}
 * (a durable timer, cancelled by the decision).
 */
@Component
public class ApprovalWorkflow implements TimerHandler {

    private static final Logger log = LoggerFactory.getLogger(ApprovalWorkflow.class);
    public static final String ESCALATE_TIMER = "approval-escalate";
    static final String WORKFLOW = "approval";

    /** What a decision did. */
    public enum Outcome { APPROVED, REJECTED, NOT_PENDING }

    private final Approvals approvals;
    private final Outbox outbox;
    private final DurableTimers timers;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final HubProperties hub;
    private final FirmProperties firm;
    private final StatusUpdateProperties settings;
    private final ApprovalLinks links;

    ApprovalWorkflow(Approvals approvals, Outbox outbox, DurableTimers timers, ProducerTemplate camel, ObjectMapper json,
                     Clock clock, TransactionTemplate tx, HubProperties hub, FirmProperties firm,
                     StatusUpdateProperties settings) {
        this.approvals = approvals;
        this.outbox = outbox;
        this.timers = timers;
        this.camel = camel;
        this.json = json;
        this.clock = clock;
        this.tx = tx;
        this.hub = hub;
        this.firm = firm;
        this.settings = settings;
        this.links = settings.signsLinks() ? new ApprovalLinks(hub.publicBaseUrl(), settings.approvalSecret()) : null;
    }

    public Optional<ApprovalLinks> links() {
        return Optional.ofNullable(links);
    }

    /** A notification was parked: ask the attorney (in the caller's transaction) and set the escalation timer. */
    void requested(long id, Notification parked, String attorneyEmail) {
        String to = attorneyEmail != null && !attorneyEmail.isBlank() ? attorneyEmail : blankToNull(settings.approvalFallbackTo());
        if (to == null) {
            log.warn("approval {} for {} has no attorney email and hub.status-updates.approval-fallback-to is empty; "
                    + "it waits on GET /api/approvals", id, parked.idempotencyKey());
        } else {
            outbox.enqueue("approval-request:" + id, staffEmail(to, parked, "Approval needed", id, false));
        }
        timers.schedule(ESCALATE_TIMER + ":" + id, ESCALATE_TIMER, clock.instant().plus(settings.approvalEscalateAfter()),
                String.valueOf(id));
    }

    /** Approves the parked notification, with {@code editedText} replacing the proposal's body when given. */
    public Outcome approve(long id, String by, String editedText) {
        return tx.execute(status -> {
            Approvals.Parked parked = approvals.find(id).filter(p -> p.state() == ApprovalState.PENDING).orElse(null);
            if (parked == null) {
                return Outcome.NOT_PENDING;
            }
            Notification n = read(parked.payload());
            Notification.Text proposal = n.text();
            Notification approved;
            if (proposal == null) {
                approved = n.approve();
            } else if (editedText != null && !editedText.isBlank()) {
                approved = n.approveWith(new Notification.Text(proposal.channel(), proposal.subject(), editedText.strip(),
                        proposal.templateId() + " (edited by " + by + ")"));
            } else {
                approved = n.approveWith(proposal);
            }
            String text = approved.text() == null ? null : approved.text().body();
            if (!approvals.decide(id, ApprovalState.APPROVED, by, text, clock.instant())) {
                return Outcome.NOT_PENDING;
            }
            timers.cancel(ESCALATE_TIMER + ":" + id);
            camel.sendBody("direct:notify", approved);
            log.info("approval {} approved by {}{}; {} goes out", id, LogMask.text(by), editedText == null || editedText.isBlank() ? ""
                    : " with an edit", n.idempotencyKey());
            return Outcome.APPROVED;
        });
    }

    /** Rejects the parked notification: nothing is sent; the decision, who made it and why stay on the approval. */
    public Outcome reject(long id, String by, String reason) {
        return tx.execute(status -> {
            if (!approvals.decide(id, ApprovalState.REJECTED, by, blankToNull(reason), clock.instant())) {
                return Outcome.NOT_PENDING;
            }
            timers.cancel(ESCALATE_TIMER + ":" + id);
            log.info("approval {} rejected by {}{}; nothing is sent", id, LogMask.text(by),
                    reason == null ? "" : ": " + LogMask.text(reason));
            return Outcome.REJECTED;
        });
    }

    @Override
    public String kind() {
        return ESCALATE_TIMER;
    }

    /** The escalation timer: still undecided, so the escalation address (else the attorney again) is told, once. */
    @Override
    public void run(String actionKey, String payload) {
        long id = Long.parseLong(payload);
        tx.executeWithoutResult(status -> {
            Approvals.Parked parked = approvals.find(id).orElse(null);
            if (parked == null || !approvals.markEscalated(id, clock.instant())) {
                return; // decided meanwhile, or escalated already
            }
            String to = blankToNull(settings.approvalEscalateTo());
            if (to == null) {
                to = parked.attorneyEmail() != null ? parked.attorneyEmail() : blankToNull(settings.approvalFallbackTo());
            }
            if (to == null) {
                log.warn("approval {} is unanswered and there is nobody to escalate to", id);
                return;
            }
            outbox.enqueue("approval-escalation:" + id, staffEmail(to, read(parked.payload()), "Still waiting for approval",
                    id, true));
            log.info("approval {} unanswered since {}; escalated to {}", id, parked.createdAt(), LogMask.email(to));
        });
    }

    private OutboundMessage staffEmail(String to, Notification n, String heading, long id, boolean escalation) {
        Notification.Text text = n.text();
        String matter = n.model().getOrDefault("matter.name", "matter " + n.matterId());
        String client = n.recipient().contact().name();
        StringBuilder body = new StringBuilder();
        if (escalation) {
            body.append("This client update has waited for approval since it was parked and nobody has decided yet.\n\n");
        }
        body.append("A client update needs your approval before it goes out.\n\n")
                .append("Matter: ").append(matter).append('\n')
                .append("To: ").append(client == null ? "the client" : client)
                .append(text == null ? "" : " by " + text.channel()).append('\n')
                .append("Milestone: ").append(n.milestone()).append("\n\n")
                .append("The exact text:\n\n");
        if (text != null) {
            if (text.subject() != null && !"sms".equals(text.channel())) {
                body.append("Subject: ").append(text.subject()).append("\n\n");
            }
            body.append(text.body()).append("\n\n");
        }
        if (links != null) {
            Instant expires = clock.instant().plus(settings.approvalLinkTtl());
            body.append("Approve and send: ").append(links.link(id, "approve", expires)).append('\n')
                    .append("Edit, then send: ").append(links.link(id, "edit", expires)).append('\n')
                    .append("Reject (nothing is sent): ").append(links.link(id, "reject", expires)).append('\n')
                    .append("These links expire ")
                    .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").format(expires.atZone(firm.zone())))
                    .append(".\n\n");
        }
        body.append("Staff API: POST ").append(hub.publicBaseUrl()).append("/api/approvals/").append(id)
                .append("/approve (or /reject).\n");
        return OutboundMessage.email(to, null, heading + ": " + matter, body.toString()).withMatter(n.matterId())
                .withWorkflow(WORKFLOW);
    }

    private Notification read(String payload) {
        try {
            return json.readValue(payload, Notification.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parked notification is unreadable", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
