package com.casewire.practice;

import com.casewire.config.HubProperties;
import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundChannel;
import com.casewire.outbox.OutboundMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Predicate;
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
    public MessageKind kind() {
        return MessageKind.MATTER_NOTE;
    }

    @Override
    public String vendor() {
        return vendor;
    }

    /** The note on the matter carrying the row's marker, created since the attempt was claimed (less clock skew). */
    @Override
    public Optional<String> findSent(OutboundMessage message, String idempotencyKey, Instant claimedAt,
                                     Predicate<String> heldByAnotherRow) {
        return practice.findMatterNote(message.matterId(), idempotencyKey,
                claimedAt.minus(PracticeManagement.LOOKUP_CLOCK_SKEW));
    }

    /** The note's detail ends with the key's marker ({@link PracticeRecordMarker}) so {@link #findSent} can find it. */
    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        return practice.addMatterNote(message.matterId(), message.subject(),
                PracticeRecordMarker.append(message.body(), idempotencyKey), LocalDate.now(clock.withZone(firmZone)));
    }
}
