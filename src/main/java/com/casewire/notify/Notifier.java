package com.casewire.notify;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogEntry;
import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Notification;
import com.casewire.config.HubProperties;
import com.casewire.outbox.AfterCommit;
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
    private final HubProperties hub;

    Notifier(ChannelSelector channels, QuietHoursPolicy quietHours, MessageTemplates templates, Outbox outbox,
             DurableTimers timers, Approvals approvals, CommunicationLog commLog, ChainSealer sealer, ObjectMapper json,
             Clock clock, HubProperties hub) {
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
        this.hub = hub;
    }

    /** The policy gate. Sets the {@value #DECISION} and {@value #CHANNEL} headers for the route's choice. */
    public NotifyDecision decide(@Body Notification n, Exchange exchange) {
        NotifyDecision decision = evaluate(n, Boolean.TRUE.equals(exchange.getIn().getHeader(QUIET_HOURS_EXEMPT, Boolean.class)));
        exchange.getIn().setHeader(DECISION, decision.outcome());
        exchange.getIn().setHeader(CHANNEL, decision.channel() == null ? null : decision.channel().id());
        return decision;
    }

    NotifyDecision evaluate(Notification n) {
        return evaluate(n, false);
    }

    NotifyDecision evaluate(Notification n, boolean quietHoursExempt) {
        if (n.requiresApproval() && !n.approved()) {
            return new NotifyDecision(NotifyDecision.AWAIT_APPROVAL, null, null, List.of("needs an attorney's approval"));
        }
        Contact contact = n.recipient().contact();
        ChannelSelector.Choice choice = channels.choose(contact, n.matterId(), EnumSet.allOf(Channel.class));
        if (choice.channel().isEmpty()) {
            return new NotifyDecision(NotifyDecision.UNDELIVERABLE, null, null, choice.skipped());
        }
        Channel channel = choice.channel().get();
        Optional<Instant> hold = quietHoursExempt ? Optional.empty()
                : quietHours.holdUntil(clock.instant(), zoneOf(contact), channel);
        if (hold.isPresent()) {
            return new NotifyDecision(NotifyDecision.HOLD_QUIET_HOURS, channel, hold.get(), choice.skipped());
        }
        return new NotifyDecision(NotifyDecision.SEND, channel, null, choice.skipped());
    }

    public void holdForQuietHours(@Body Notification n, @ExchangeProperty("decision") NotifyDecision decision) {
        String key = RELEASE_TIMER + ":" + n.idempotencyKey() + ":" + decision.holdUntil().getEpochSecond();
        timers.schedule(key, RELEASE_TIMER, decision.holdUntil(), toJson(n));
        log.info("notification {} held for quiet hours until {}", n.idempotencyKey(), decision.holdUntil());
    }

    public void parkForApproval(@Body Notification n) {
        if (approvals.park(n.idempotencyKey(), toJson(n), clock.instant())) {
            log.info("notification {} parked for approval", n.idempotencyKey());
        }
    }

    /** No channel can reach the recipient: recorded on the log as a failed communication, not dropped. */
    public void recordUndeliverable(@Body Notification n, @ExchangeProperty("decision") NotifyDecision decision) {
        Contact c = n.recipient().contact();
        String reasons = String.join("; ", decision.reasons());
        log.warn("notification {} undeliverable: {}", n.idempotencyKey(), reasons);
        commLog.record(new LogEntry(n.idempotencyKey() + ":undeliverable", clock.instant(), n.matterId(), c.name(), null,
                "none", n.workflow(), null, null, "(not sent)", "FAILED", null, "no channel can reach the recipient: " + reasons));
        AfterCommit.run(sealer::requestSeal);
    }

    public void sendSms(@Body Notification n) {
        MessageTemplates.Rendered text = render(n, Channel.SMS);
        Contact c = n.recipient().contact();
        outbox.enqueue(n.idempotencyKey(), new OutboundMessage(OutboundMessage.SMS, c.mobilePhone(), c.name(), null,
                text.body(), n.matterId(), n.workflow(), text.templateId(), Channel.SMS.id(), true, true));
    }

    public void sendEmail(@Body Notification n) {
        MessageTemplates.Rendered text = render(n, Channel.EMAIL);
        Contact c = n.recipient().contact();
        outbox.enqueue(n.idempotencyKey(), new OutboundMessage(OutboundMessage.EMAIL, c.email(), c.name(),
                subjectOf(text), text.body(), n.matterId(), n.workflow(), text.templateId(), Channel.EMAIL.id(), true, true));
    }

    /** Portal: the update is a note on the matter (what the client portal shows) plus an email nudge. */
    public void sendPortal(@Body Notification n) {
        MessageTemplates.Rendered note = render(n, Channel.PORTAL);
        Contact c = n.recipient().contact();
        outbox.enqueue(n.idempotencyKey(), new OutboundMessage(OutboundMessage.MATTER_NOTE, n.matterId(), c.name(),
                subjectOf(note), note.body(), n.matterId(), n.workflow(), note.templateId(), Channel.PORTAL.id(), true, false));
        MessageTemplates.Rendered nudge = templates.render("portal", "nudge", null, Channel.EMAIL, model(n));
        outbox.enqueue(n.idempotencyKey() + ":nudge", new OutboundMessage(OutboundMessage.EMAIL, c.email(), c.name(),
                subjectOf(nudge), nudge.body(), n.matterId(), n.workflow(), nudge.templateId(), Channel.EMAIL.id(), true, false));
    }

    private MessageTemplates.Rendered render(Notification n, Channel channel) {
        return templates.render(n.workflow(), n.milestone(), n.practiceArea(), channel, model(n));
    }

    private Map<String, String> model(Notification n) {
        Map<String, String> model = new HashMap<>();
        model.put("firm.name", hub.firm().name());
        model.put("client.firstName", n.recipient().contact().greetingName());
        model.put("client.name", n.recipient().contact().name());
        model.putAll(n.model());
        return model;
    }

    private String subjectOf(MessageTemplates.Rendered text) {
        return text.subject() != null ? text.subject() : "An update from " + hub.firm().name();
    }

    private ZoneId zoneOf(Contact contact) {
        if (contact.timeZone() != null) {
            try {
                return ZoneId.of(contact.timeZone());
            } catch (RuntimeException unknownZone) {
                log.debug("contact {} has an unknown time zone {}; using the firm's", contact.id(), contact.timeZone());
            }
        }
        return hub.firm().zone();
    }

    String toJson(Notification n) {
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
