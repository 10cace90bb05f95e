package com.casewire.intake;

import com.casewire.schedule.TimerHandler;
import org.apache.camel.ProducerTemplate;

/** Due intake timers go to their route with the lead's id as the body: screening, escalation, reminder. */
final class IntakeTimers implements TimerHandler {

    static final String SCREEN = "intake-screen";
    static final String ESCALATE = "intake-escalate";
    static final String REMIND = "intake-remind";

    private final String kind;
    private final String endpoint;
    private final ProducerTemplate camel;

    IntakeTimers(String kind, String endpoint, ProducerTemplate camel) {
        this.kind = kind;
        this.endpoint = endpoint;
        this.camel = camel;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void run(String actionKey, String payload) {
        camel.sendBody(endpoint, payload);
    }
}
