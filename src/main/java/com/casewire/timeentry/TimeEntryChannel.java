package com.casewire.timeentry;

import com.casewire.config.HubProperties;
import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundMessage;
import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeSystemChannel;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Time entries in the practice-management system (Clio: POST /activities.json, type TimeEntry, quantity in
 * seconds), through the outbox so an entry is created once however often the attorney taps or replies. The
 * message's {@code to} is the attorney's user id, {@code matterId} the matter, and {@code body} a small JSON
 * document {@code {"date","seconds","note"}} (an outbox row carries no other fields for them).
 */
class TimeEntryChannel extends PracticeSystemChannel {

    private final PracticeLedger ledger;
    private final ObjectMapper json;

    TimeEntryChannel(PracticeLedger ledger, ObjectMapper json, HubProperties hub) {
        super(MessageKind.TIME_ENTRY, hub.practiceManagement());
        this.ledger = ledger;
        this.json = json;
    }

    OutboundMessage message(PracticeLedger.NewTimeEntry entry) {
        var body = json.createObjectNode();
        body.put("date", entry.date().toString());
        body.put("seconds", entry.seconds());
        if (entry.note() != null) {
            body.put("note", entry.note());
        }
        return OutboundMessage.of(MessageKind.TIME_ENTRY, entry.userId(), "time entry", body.toString())
                .withMatter(entry.matterId()).withWorkflow(TimeEntryPrompts.WORKFLOW).withChannel("time-entry");
    }

    PracticeLedger.NewTimeEntry entry(OutboundMessage message) {
        try {
            JsonNode body = json.readTree(message.body());
            return new PracticeLedger.NewTimeEntry(message.matterId(), message.to(), LocalDate.parse(body.path("date").asText()),
                    body.path("seconds").asLong(), body.hasNonNull("note") ? body.path("note").asText() : null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("time entry outbox body is not JSON", e);
        }
    }

    /** A system without a confirmed write contract (MyCase) fails the row for good rather than retrying for a day. */
    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        try {
            return ledger.createTimeEntry(entry(message));
        } catch (LedgerOperationUnavailable e) {
            throw new VendorException(vendor(), false, 0, null, e.getMessage(), null, e);
        }
    }

    /** The entry with the same matter, user, date, duration and note that no other row holds (see the port). */
    @Override
    public Optional<String> findSent(OutboundMessage message, String idempotencyKey, Instant claimedAt,
                                     Predicate<String> heldByAnotherRow) {
        return ledger.findTimeEntry(entry(message), heldByAnotherRow);
    }
}
