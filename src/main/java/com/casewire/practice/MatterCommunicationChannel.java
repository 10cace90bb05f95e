package com.casewire.practice;

import com.casewire.config.HubProperties;
import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundMessage;
import com.casewire.vendor.VendorException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Communications recorded on a matter through {@link PracticeLedger#logCommunication} (Clio: POST
 * /communications.json), sent from the outbox so a retry never records one twice. The message's {@code to} is
 * the receiving contact's id in the practice-management system (may be null), {@code channel} {@code email} makes
 * it an email communication and anything else a phone one, {@code subject} and {@code body} its text.
 */
@Component
class MatterCommunicationChannel extends PracticeSystemChannel {

    private final ObjectProvider<PracticeLedger> ledger;
    private final Clock clock;

    MatterCommunicationChannel(ObjectProvider<PracticeLedger> ledger, HubProperties hub, Clock clock) {
        super(MessageKind.MATTER_COMMUNICATION, hub.practiceManagement());
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * The communication on the matter that carries the row's key (Clio: the external property {@code casewire_key}),
     * created since the attempt was claimed (less clock skew).
     */
    @Override
    public Optional<String> findSent(OutboundMessage message, String idempotencyKey, Instant claimedAt,
                                     Predicate<String> heldByAnotherRow) {
        return ledger().findCommunication(communication(message, idempotencyKey, clock.instant()),
                claimedAt.minus(PracticeManagement.LOOKUP_CLOCK_SKEW));
    }

    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        return ledger().logCommunication(communication(message, idempotencyKey, clock.instant()));
    }

    private PracticeLedger ledger() {
        PracticeLedger practice = ledger.getIfAvailable();
        if (practice == null) {
            throw new VendorException(vendor(), false, 0, null,
                    "no PracticeLedger adapter for hub.practice-management=" + vendor(), null, null);
        }
        return practice;
    }

    private static PracticeLedger.NewCommunication communication(OutboundMessage message, String idempotencyKey,
                                                                 Instant at) {
        PracticeLedger.CommunicationKind kind = "email".equalsIgnoreCase(message.channel())
                ? PracticeLedger.CommunicationKind.EMAIL : PracticeLedger.CommunicationKind.PHONE;
        List<PracticeLedger.Party> receivers = message.to() == null || message.to().isBlank() ? List.of()
                : List.of(new PracticeLedger.Party(message.to(), PracticeLedger.PartyType.CONTACT));
        return new PracticeLedger.NewCommunication(kind, message.matterId(),
                message.subject() == null ? "" : message.subject(), message.body(), at, List.of(), receivers,
                idempotencyKey);
    }
}
