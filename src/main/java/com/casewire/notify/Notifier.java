package com.casewire.notify;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogEntry;
import com.casewire.audit.LogMask;
import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Notification;
import com.casewire.config.FirmProperties;
import com.casewire.db.AfterCommit;
import com.casewire.outbox.OutboundMessage;
import com.casewire.outbox.Outbox;
import com.casewire.schedule.DurableTimers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The beans behind {@code direct:notify}: the policy gate (approval, channel, quiet hours) and one action
 * per outcome. The route shows the topology; the rules live here, with unit-tested policies underneath.
 */
@Component("notifier")
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    public static final String RELEASE_TIMER = "notify-release";
    public static final String DECISION = "casewireDecision";
    public static final String CHANNEL = "casewireChannel";
    /**
     * Header a workflow sets to {@code true} for a reply to someone who contacted the firm minutes ago (the intake
     * acknowledgment): quiet hours do not hold it. The workflow decides, from its own configuration.
     */
    public static final String QUIET_HOURS_EXEMPT = "casewireQuietHoursExempt";
    /**
     * Model keys that shape an email's envelope: the name it is sent under (with the firm's), the address replies go
     * to, and one address copied. A workflow that writes on a person's behalf (a retainer reminder from the matter's
     * attorney) sets them; templates may use them too.
     */
    public static final String SENDER_NAME = "sender.name";
    public static final String SENDER_EMAIL = "sender.email";
    public static final String COPY_TO = "copy.email";
    /** Placeholders every notification's model has (see {@link WorkflowTemplates#notifying}). */
    static final String FIRM_NAME = "firm.name";
    static final String CLIENT_FIRST_NAME = "client.firstName";
    static final String CLIENT_NAME = "client.name";

    private final ChannelSelector channels;
    private final QuietHoursPolicy quietHours;
    private final MessageTemplates templates;
    private final Outbox outbox;
    private final DurableTimers timers;
    private final Approvals approvals;
    private final CommunicationLog commLog;
    private final ChainSealer sealer;
    private final ObjectMapper json;
    private final Clock clock;
    private final FirmProperties firm;
    private final ChannelPreferences preferences;
    private final ApprovalWorkflow approvalWorkflow;

    Notifier(ChannelSelector channels, QuietHoursPolicy quietHours, MessageTemplates templates, Outbox outbox,
             DurableTimers timers, Approvals approvals, CommunicationLog commLog, ChainSealer sealer, ObjectMapper json,
             Clock clock, FirmProperties firm, ChannelPreferences preferences, ApprovalWorkflow approvalWorkflow) {
        this.preferences = preferences;
        this.approvalWorkflow = approvalWorkflow;
        this.channels = channels;
        this.quietHours = quietHours;
        this.templates = templates;
        this.outbox = outbox;
        this.timers = timers;
        this.approvals = approvals;
        this.commLog = commLog;
        this.sealer = sealer;
        this.json = json;
        this.clock = clock;
        this.firm = firm;
    }

    /**
     * The policy gate. The notify route keeps the decision as a property and sets the {@value #DECISION} and
     * {@value #CHANNEL} headers its choice reads from it, in steps of its own.
     */
    public NotifyDecision decide(@Body Notification n, Exchange exchange) {
        NotifyDecision decision = evaluate(n, Boolean.TRUE.equals(exchange.getIn().getHeader(QUIET_HOURS_EXEMPT, Boolean.class)));
        if (decision.channel() != null && decision.reasons().stream().anyMatch(r -> r.contains("opted out"))) {
            // a refused channel is one line with its reason (an undeliverable notification has its own)
            log.info("notification {} goes by {}: {}", n.idempotencyKey(), decision.channel().id(),
                    String.join("; ", decision.reasons()));
        }
        return decision;
    }

    NotifyDecision evaluate(Notification n) {
        return evaluate(n, false);
    }

    NotifyDecision evaluate(Notification n, boolean quietHoursExempt) {
        if (n.requiresApproval() && !n.approved()) {
            return new NotifyDecision(NotifyDecision.Outcome.AWAIT_APPROVAL, null, null, List.of("needs an attorney's approval"));
        }
        Contact contact = preferences.applyTo(n.recipient().contact());
        ChannelSelector.Choice choice = channels.choose(contact, n.matterId(), allowed(n));
        if (choice.channel().isEmpty()) {
            return new NotifyDecision(NotifyDecision.Outcome.UNDELIVERABLE, null, null, choice.skipped());
        }
        Channel channel = choice.channel().get();
        Optional<Instant> hold = quietHoursExempt ? Optional.empty()
                : quietHours.holdUntil(clock.instant(), zoneOf(contact), channel);
        if (hold.isPresent()) {
            return new NotifyDecision(NotifyDecision.Outcome.HOLD_QUIET_HOURS, channel, hold.get(), choice.skipped());
        }
        return new NotifyDecision(NotifyDecision.Outcome.SEND, channel, null, choice.skipped());
    }

    public void holdForQuietHours(@Body Notification n, @ExchangeProperty("decision") NotifyDecision decision) {
        String key = RELEASE_TIMER + ":" + n.idempotencyKey() + ":" + decision.holdUntil().getEpochSecond();
        timers.schedule(key, RELEASE_TIMER, decision.holdUntil(), toJson(n));
        log.info("notification {} held for quiet hours until {}", n.idempotencyKey(), decision.holdUntil());
    }

    /**
     * Parks a notification for an attorney with the exact text it would go out with now (channel chosen as for a
     * send, template rendered): the approval covers that text on that channel. When no channel can reach the
     * recipient there is nothing to approve: it is recorded as undeliverable instead.
     */
    public void parkForApproval(@Body Notification n) {
        Contact contact = preferences.applyTo(n.recipient().contact());
        ChannelSelector.Choice choice = channels.choose(contact, n.matterId(), allowed(n));
        if (choice.channel().isEmpty()) {
            recordUndeliverable(n, new NotifyDecision(NotifyDecision.Outcome.UNDELIVERABLE, null, null, choice.skipped()));
            return;
        }
        Channel channel = choice.channel().get();
        Notification proposed = n;
        if (n.text() == null) {
            MessageTemplates.Rendered text = render(n, channel);
            proposed = n.withText(new Notification.Text(channel.id(), channel == Channel.SMS ? null : subjectOf(text),
                    text.body(), text.templateId()));
        }
        Notification parked = proposed;
        approvals.parkReturningId(n.idempotencyKey(), toJson(parked), n.matterId(), n.model().get("attorney.email"),
                clock.instant()).ifPresent(id -> {
                    approvalWorkflow.requested(id, parked, n.model().get("attorney.email"));
                    log.info("notification {} parked for approval {} ({} text)", n.idempotencyKey(), id, channel.id());
                });
    }

    /** The channels a notification may use: those it names (all when none), narrowed to its pinned text's channel. */
    static EnumSet<Channel> allowed(Notification n) {
        EnumSet<Channel> named = EnumSet.noneOf(Channel.class);
        n.channels().forEach(id -> Channel.parse(id).ifPresent(named::add));
        EnumSet<Channel> allowed = named.isEmpty() ? EnumSet.allOf(Channel.class) : named;
        if (n.text() != null) {
            EnumSet<Channel> pinned = EnumSet.noneOf(Channel.class);
            Channel.parse(n.text().channel()).filter(allowed::contains).ifPresent(pinned::add);
            return pinned;
        }
        return allowed;
    }

    /** No channel can reach the recipient: recorded on the log as a failed communication, not dropped. */
    public void recordUndeliverable(@Body Notification n, @ExchangeProperty("decision") NotifyDecision decision) {
        Contact c = n.recipient().contact();
        String reasons = String.join("; ", decision.reasons());
        log.warn("notification {} undeliverable: {}", n.idempotencyKey(), LogMask.text(String.valueOf(reasons)));
        commLog.record(new LogEntry(n.idempotencyKey() + ":undeliverable", clock.instant(), n.matterId(), c.name(), null,
                "none", n.workflow(), null, null, "(not sent)", "FAILED", null, "no channel can reach the recipient: " + reasons));
        AfterCommit.run(sealer::requestSeal);
    }

    public void sendSms(@Body Notification n) {
        MessageTemplates.Rendered text = render(n, Channel.SMS);
        Contact c = n.recipient().contact();
        outbox.enqueue(n.idempotencyKey(), OutboundMessage.sms(c.mobilePhone(), c.name(), text.body())
                .withMatter(n.matterId()).withWorkflow(n.workflow()).withTemplate(text.templateId())
                .withChannel(Channel.SMS.id()).asClientCommunication().withWriteBack());
    }

    public void sendEmail(@Body Notification n) {
        MessageTemplates.Rendered text = render(n, Channel.EMAIL);
        Contact c = n.recipient().contact();
        outbox.enqueue(n.idempotencyKey(), OutboundMessage.email(c.email(), c.name(), subjectOf(text), text.body())
                .withMatter(n.matterId()).withWorkflow(n.workflow()).withTemplate(text.templateId())
                .withChannel(Channel.EMAIL.id()).asClientCommunication().withWriteBack().withEnvelope(envelope(n.model())));
    }

    /** The envelope the model's {@link #SENDER_NAME}, {@link #SENDER_EMAIL} and {@link #COPY_TO} ask for; null for none. */
    static OutboundMessage.Envelope envelope(Map<String, String> model) {
        String name = model.get(SENDER_NAME);
        String replyTo = model.get(SENDER_EMAIL);
        String copy = model.get(COPY_TO);
        if (name == null && replyTo == null && copy == null) {
            return null;
        }
        return new OutboundMessage.Envelope(name, replyTo, copy == null || copy.isBlank() ? List.of() : List.of(copy.strip()));
    }

    /**
     * Portal: the update is a note on the matter (what the client portal shows) plus an email nudge; once posted,
     * a write-back note records it like any other send (time, channel, text).
     */
    public void sendPortal(@Body Notification n) {
        MessageTemplates.Rendered note = render(n, Channel.PORTAL);
        Contact c = n.recipient().contact();
        outbox.enqueue(n.idempotencyKey(), OutboundMessage.matterNote(n.matterId(), subjectOf(note), note.body())
                .withRecipientName(c.name()).withWorkflow(n.workflow()).withTemplate(note.templateId())
                .withChannel(Channel.PORTAL.id()).asClientCommunication().withWriteBack());
        MessageTemplates.Rendered nudge = templates.render(PortalTemplates.WORKFLOW, PortalTemplates.NUDGE, null, Channel.EMAIL, model(n));
        outbox.enqueue(n.idempotencyKey() + ":nudge", OutboundMessage.email(c.email(), c.name(), subjectOf(nudge),
                nudge.body()).withMatter(n.matterId()).withWorkflow(n.workflow()).withTemplate(nudge.templateId())
                .withChannel(Channel.EMAIL.id()).asClientCommunication());
    }

    /** The template's text, or the exact text an attorney approved for this channel. */
    private MessageTemplates.Rendered render(Notification n, Channel channel) {
        if (n.text() != null && channel.id().equals(n.text().channel())) {
            return new MessageTemplates.Rendered(n.text().templateId(), n.text().subject(), n.text().body());
        }
        return templates.render(n.workflow(), n.milestone(), n.practiceArea(), channel, model(n));
    }

    private Map<String, String> model(Notification n) {
        Map<String, String> model = new HashMap<>();
        model.put(FIRM_NAME, firm.name());
        model.put(CLIENT_FIRST_NAME, n.recipient().contact().greetingName());
        model.put(CLIENT_NAME, n.recipient().contact().name());
        model.putAll(n.model());
        return model;
    }

    private String subjectOf(MessageTemplates.Rendered text) {
        return text.subject() != null ? text.subject() : "An update from " + firm.name();
    }

    private ZoneId zoneOf(Contact contact) {
        if (contact.timeZone() != null) {
            try {
                return ZoneId.of(contact.timeZone());
            } catch (RuntimeException unknownZone) {
                log.debug("contact {} has an unknown time zone {}; using the firm's", contact.id(), contact.timeZone());
            }
        }
        return firm.zone();
    }

    String toJson(Notification n) {
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
