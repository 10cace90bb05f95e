package com.casewire.statusupdate;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import com.casewire.config.HubProperties;
import com.casewire.inbox.UnprocessableEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Beans for {@code routes/matter-status.camel.yaml}: milestone matching, the client notification, and the
 * occurrence record that keeps one milestone from reaching a client twice.
 */
@Component("statusUpdates")
public class StatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);
    static final String WORKFLOW = "matter-status";
    static final String OCCURRENCE = "casewireOccurrence";
    /** Where {@link #admit} sends a milestone: {@value #DUPLICATE}, {@value #APPROVAL} or {@value #WINDOW}. */
    static final String DUPLICATE = "duplicate";
    static final String APPROVAL = "approval";
    static final String WINDOW = "window";

    private final MilestoneRules rules;
    private final StatusUpdateStore store;
    private final ObjectMapper json;
    private final Clock clock;

    @Autowired
    StatusUpdates(HubProperties hub, StatusUpdateStore store, ObjectMapper json, Clock clock) {
        this(MilestoneRules.load(Path.of(hub.routesDir(), "matter-status.rules.yaml")), store, json, clock);
    }

    StatusUpdates(MilestoneRules rules, StatusUpdateStore store, ObjectMapper json, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** The milestone this event is, or null when it is not one. */
    public String milestoneFor(@Body MatterEvent event) {
        return rules.match(event).map(MilestoneRules.Rule::milestone).orElse(null);
    }

    /**
     * Not a milestone: recorded in the application log (the delivery itself stays in the inbox table, PROCESSED)
     * and dropped. Nothing goes on the communication log, because the client was told nothing.
     */
    public void recordIgnored(@Body MatterEvent event) {
        log.info("{} {} {} {} on matter {} is not a milestone; no client update (details {})", event.source(), event.model(),
                event.recordId(), event.event(), event.matter() == null ? null : event.matter().id(), event.details().keySet());
    }

    /**
     * The update for the matter's updates recipient (the contact the matter names, else the client). Sets the
     * {@value #OCCURRENCE} header: matter + milestone (+ the record, unless the milestone is once per matter).
     */
    public Notification notificationFor(@Body MatterEvent event, @Header("milestone") String milestone, Exchange exchange) {
        MilestoneRules.Rule rule = rules.byId(milestone).orElseThrow();
        Matter matter = event.matter();
        Contact recipient = matter.updatesRecipient();
        if (recipient == null) {
            throw new UnprocessableEvent("matter " + matter.id() + " has no client to notify");
        }
        Map<String, String> model = new HashMap<>();
        model.put(StatusUpdateTemplates.MATTER_NAME, matter.name());
        if (matter.displayNumber() != null) {
            model.put(StatusUpdateTemplates.MATTER_NUMBER, matter.displayNumber());
        }
        if (matter.responsibleAttorney() != null) {
            putIfPresent(model, StatusUpdateTemplates.ATTORNEY_NAME, matter.responsibleAttorney().name());
            putIfPresent(model, StatusUpdateTemplates.ATTORNEY_EMAIL, matter.responsibleAttorney().email());
        }
        model.put(CombinedUpdate.HEADLINE, rule.headline());
        String occurrence = WORKFLOW + ":" + matter.id() + ":" + milestone + (rule.oncePerMatter() ? "" : ":" + record(event));
        exchange.getIn().setHeader(OCCURRENCE, occurrence);
        String role = matter.notifyContact() != null ? "updates-contact" : "client";
        return new Notification(occurrence, WORKFLOW, rule.template(), rules.practiceArea(matter.practiceArea()), matter.id(),
                new Recipient(recipient, role), model, rule.requiresApproval(), false, rule.channels(), null);
    }

    /**
     * Says where the occurrence goes: {@value #DUPLICATE} (this milestone reached the client for this
     * matter/record before), {@value #APPROVAL} (recorded and parked for an attorney, not throttled: the attorney
     * decides when) or {@value #WINDOW} (the per-matter update window, which records it).
     */
    public String admit(@Body Notification n, @Header(OCCURRENCE) String occurrence,
                        @Header("casewireDedupeKey") String sourceKey) {
        boolean recordedBefore = n.requiresApproval()
                ? !store.insertOccurrence(occurrence, n.matterId(), n.milestone(), sourceKey, StatusUpdateState.APPROVAL,
                        toJson(n), clock.instant())
                : store.occurrenceExists(occurrence); // the window records it (SENT or PENDING) under the matter's lock
        if (recordedBefore) {
            log.info("{} was raised before for matter {}; not repeated", occurrence, n.matterId());
            return DUPLICATE;
        }
        return n.requiresApproval() ? APPROVAL : WINDOW;
    }

    /**
     * What "per record" means: the task, document, calendar entry or activity; on the matter itself, the event and
     * the stage or status it reached ("Hearing scheduled" then "Trial set" are two updates; the same stage
     * reached again, or the same change delivered twice, is one).
     */
    static String record(MatterEvent event) {
        if ("matter".equals(event.model())) {
            String to = event.detail("stage") != null ? event.detail("stage") : event.detail("status");
            return "matter-" + event.recordId() + ":" + event.event() + (to == null ? "" : ":" + to.strip().toLowerCase(java.util.Locale.ROOT));
        }
        return event.model() + "-" + event.recordId();
    }

    MilestoneRules rules() {
        return rules;
    }

    private String toJson(Notification n) {
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfPresent(Map<String, String> model, String key, String value) {
        if (value != null && !value.isBlank()) {
            model.put(key, value);
        }
    }
}
