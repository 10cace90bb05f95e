package com.casewire.practice;

import com.casewire.config.HubProperties;
import com.casewire.outbox.OutboundChannel;
import com.casewire.outbox.OutboundMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/** Notes on a matter (write-back of what the client was told, and portal messages). */
@Component
class MatterNoteChannel implements OutboundChannel {

    private final PracticeManagement practice;
    private final String vendor;
    private final Clock clock;
    private final ZoneId firmZone;

    MatterNoteChannel(PracticeManagement practice, HubProperties hub, Clock clock) {
        this.practice = practice;
        this.vendor = hub.practiceManagement();
        this.clock = clock;
        this.firmZone = hub.firm().zone();
    }

    @Override
    public String kind() {
        return OutboundMessage.MATTER_NOTE;
    }

    @Override
    public String vendor() {
        return vendor;
    }

    /** A duplicate note is a nuisance, not harm to a client: resend when a crash hid the outcome. */
    @Override
    public boolean resendWhenOutcomeUnknown() {
        return true;
    }

    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        return practice.addMatterNote(message.matterId(), message.subject(), message.body(),
                LocalDate.now(clock.withZone(firmZone)));
    }
}
