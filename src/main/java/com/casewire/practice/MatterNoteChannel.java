package com.casewire.practice;

import com.casewire.config.FirmProperties;
import com.casewire.config.HubProperties;
import com.casewire.outbox.MessageKind;
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
class MatterNoteChannel extends PracticeSystemChannel {

    private final PracticeManagement practice;
    private final Clock clock;
    private final ZoneId firmZone;

    MatterNoteChannel(PracticeManagement practice, HubProperties hub, FirmProperties firm, Clock clock) {
        super(MessageKind.MATTER_NOTE, hub.practiceManagement());
        this.practice = practice;
        this.clock = clock;
        this.firmZone = firm.zone();
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
