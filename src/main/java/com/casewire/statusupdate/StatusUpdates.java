package com.casewire.statusupdate;

import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import com.casewire.config.HubProperties;
import com.casewire.inbound.UnprocessableEvent;
import com.casewire.notify.MessageTemplates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Beans for {@code routes/matter-status.camel.yaml}: milestone matching and the client notification. */
@Component("statusUpdates")
public class StatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);
    static final String WORKFLOW = "matter-status";

    private final MilestoneRules rules;

    StatusUpdates(HubProperties hub) {
        this.rules = MilestoneRules.load(Path.of(hub.routesDir(), "matter-status.rules.yaml"));
    }

    /** The milestone this event is, or null when it is not one. */
    public String milestoneFor(@Body MatterEvent event) {
        return rules.match(event).map(MilestoneRules.Rule::milestone).orElse(null);
    }

    public void recordIgnored(@Body MatterEvent event) {
        log.info("{} {} {} on matter {} is not a milestone; no client update", event.source(), event.model(),
                event.event(), event.matter().id());
    }

    public Notification notificationFor(@Body MatterEvent event, @Header("milestone") String milestone) {
        Matter matter = event.matter();
        if (matter.client() == null) {
            throw new UnprocessableEvent("matter " + matter.id() + " has no client to notify");
        }
        boolean approval = rules.match(event).map(MilestoneRules.Rule::requiresApproval).orElse(false);
        Map<String, String> model = new HashMap<>();
        model.put("matter.name", matter.name());
        if (matter.displayNumber() != null) {
            model.put("matter.number", matter.displayNumber());
        }
        if (matter.responsibleAttorney() != null && matter.responsibleAttorney().name() != null) {
            model.put("attorney.name", matter.responsibleAttorney().name());
        }
        String key = WORKFLOW + ":" + matter.id() + ":" + milestone + ":" + event.sourceKey();
        return new Notification(key, WORKFLOW, milestone, MessageTemplates.slug(matter.practiceArea()), matter.id(),
                Recipient.client(matter.client()), model, approval, false);
    }
}
