package com.casewire.timeentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.casewire.outbox.MessageKind;
import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.practice.PracticeLedger;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeEntryChannelTest {

    static final PracticeLedger.NewTimeEntry ENTRY = new PracticeLedger.NewTimeEntry("1001", "77",
            LocalDate.parse("2026-12-08"), 4320, "Drafted \"motion\"");

    @Test
    void theOutboxRowCarriesTheWholeEntryAndSendsItThroughThePort() {
        PracticeLedger ledger = mock(PracticeLedger.class);
        when(ledger.createTimeEntry(ENTRY)).thenReturn("9001");
        TimeEntryChannel channel = new TimeEntryChannel(ledger, new ObjectMapper(), TestHubProperties.with(Map.of()).hub());

        var message = channel.message(ENTRY);

        assertThat(message.kind()).isEqualTo(MessageKind.TIME_ENTRY);
        assertThat(message.to()).isEqualTo("77");
        assertThat(channel.entry(message)).isEqualTo(ENTRY);
        assertThat(channel.send(message, "time-entry:record:x")).isEqualTo("9001");
    }

    @Test
    void aSystemWithoutAConfirmedWriteContractFailsTheRowForGood() {
        PracticeLedger ledger = mock(PracticeLedger.class);
        when(ledger.createTimeEntry(any())).thenThrow(new LedgerOperationUnavailable("mycase", "createTimeEntry", "unconfirmed"));
        TimeEntryChannel channel = new TimeEntryChannel(ledger, new ObjectMapper(),
                TestHubProperties.with(Map.of("hub.practice-management", "mycase", "hub.mycase.access-token", "t")).hub());

        assertThatThrownBy(() -> channel.send(channel.message(ENTRY), "k"))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.isTransient()).isFalse());
    }
}
