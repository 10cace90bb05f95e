package com.casewire.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.StaffMember;
import com.casewire.canonical.TimeEntry;
import com.casewire.canonical.TrustBalance;
import com.casewire.canonical.TrustTransaction;
import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundMessage;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** An outbox row of kind MATTER_COMMUNICATION becomes one communication on the matter, carrying its idempotency key. */
class MatterCommunicationChannelTest {

    static class RecordingLedger implements PracticeLedger {
        final List<NewCommunication> logged = new ArrayList<>();

        @Override
        public String logCommunication(NewCommunication communication) {
            logged.add(communication);
            return "c" + logged.size();
        }

        @Override
        public java.util.Optional<String> findCommunication(NewCommunication communication, Instant createdSince) {
            return java.util.Optional.empty();
        }

        @Override
        public List<TimeEntry> timeEntries(LocalDate from, LocalDate to, String userId, String matterId) {
            return List.of();
        }

        @Override
        public List<Invoice> overdueInvoices() {
            return List.of();
        }

        @Override
        public List<TrustBalance> trustBalances(String matterId) {
            return List.of();
        }

        @Override
        public List<TrustTransaction> trustTransactions(String matterId) {
            return List.of();
        }

        @Override
        public List<StaffMember> staff() {
            return List.of();
        }

        @Override
        public StaffMember currentUser() {
            return null;
        }

        @Override
        public List<CalendarEvent> calendarEntries(Instant from, Instant to) {
            return List.of();
        }
    }

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC);

    @Test
    void anEmailToTheClientIsLoggedAsAnEmailCommunicationOnTheMatter() {
        RecordingLedger ledger = new RecordingLedger();
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("ledger", ledger));
        MatterCommunicationChannel channel = new MatterCommunicationChannel(beans.getBeanProvider(PracticeLedger.class),
                TestHubProperties.with(Map.of()).hub(), CLOCK);

        String id = channel.send(OutboundMessage.of(MessageKind.MATTER_COMMUNICATION, "501", "Case update",
                "Your hearing is set.").withRecipientName("Jane Doe").withMatter("1001").withWorkflow("matter-status")
                .withTemplate("hearing").withChannel("email"), "status:1001:hearing");

        assertThat(id).isEqualTo("c1");
        assertThat(ledger.logged).containsExactly(new PracticeLedger.NewCommunication(PracticeLedger.CommunicationKind.EMAIL,
                "1001", "Case update", "Your hearing is set.", CLOCK.instant(), List.of(),
                List.of(new PracticeLedger.Party("501", PracticeLedger.PartyType.CONTACT)), "status:1001:hearing"));
    }

    @Test
    void withoutALedgerAdapterTheRowFailsPermanently() {
        MatterCommunicationChannel channel = new MatterCommunicationChannel(
                new StaticListableBeanFactory().getBeanProvider(PracticeLedger.class),
                TestHubProperties.with(Map.of("hub.practice-management", "mycase")).hub(), CLOCK);

        assertThatThrownBy(() -> channel.send(OutboundMessage.of(MessageKind.MATTER_COMMUNICATION, null, "Call",
                "Returned the client's call").withMatter("1001").withWorkflow("intake").withChannel("sms"), "k"))
                .isInstanceOf(VendorException.class).hasMessageContaining("mycase")
                .satisfies(e -> assertThat(((VendorException) e).isTransient()).isFalse());
    }
}
