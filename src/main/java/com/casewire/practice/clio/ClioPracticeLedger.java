package com.casewire.practice.clio;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.StaffMember;
import com.casewire.canonical.TimeEntry;
import com.casewire.canonical.TrustBalance;
import com.casewire.canonical.TrustTransaction;
import com.casewire.config.HubProperties;
import com.casewire.practice.PracticeLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@link PracticeLedger} on Clio Manage. */
@Component
@ConditionalOnProperty(name = "hub.practice-management", havingValue = "clio")
class ClioPracticeLedger implements PracticeLedger {

    private final ClioClient clio;
    private final ZoneId firmZone;

    ClioPracticeLedger(ClioClient clio, HubProperties hub) {
        this.clio = clio;
        this.firmZone = hub.firm().zone();
    }

    @Override
    public List<TimeEntry> timeEntries(LocalDate from, LocalDate to, String userId, String matterId) {
        boolean seconds = clio.quantityInSeconds();
        return clio.listTimeEntries(from, to, userId, matterId).stream()
                .filter(a -> "TimeEntry".equals(a.path("type").asText("TimeEntry")))
                .map(a -> ClioLedgerMapper.toTimeEntry(a, seconds)).toList();
    }

    @Override
    public List<Invoice> overdueInvoices() {
        return clio.listOverdueBills().stream().map(ClioLedgerMapper::toInvoice).toList();
    }

    @Override
    public List<TrustBalance> trustBalances(String matterId) {
        return clio.getMatterAccountBalances(matterId)
                .map(balances -> ClioLedgerMapper.toTrustBalances(matterId, balances)).orElse(List.of());
    }

    /** Transactions of the matter, kept only when they are on one of the firm's trust accounts. */
    @Override
    public List<TrustTransaction> trustTransactions(String matterId) {
        Set<String> trustAccounts = clio.listBankAccounts("TrustAccount").stream()
                .map(a -> a.path("id").asText()).collect(Collectors.toSet());
        if (trustAccounts.isEmpty()) {
            return List.of();
        }
        return clio.listBankTransactions(null, matterId).stream()
                .filter(t -> trustAccounts.contains(t.path("bank_account_id").asText()))
                .map(t -> ClioLedgerMapper.toTrustTransaction(matterId, t))
                .sorted(Comparator.comparing(TrustTransaction::date, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(TrustTransaction::id))
                .toList();
    }

    @Override
    public List<StaffMember> staff() {
        return clio.listEnabledUsers().stream().map(ClioLedgerMapper::toStaffMember).toList();
    }

    @Override
    public StaffMember currentUser() {
        return ClioLedgerMapper.toStaffMember(clio.whoAmI());
    }

    @Override
    public List<CalendarEvent> calendarEntries(Instant from, Instant to) {
        return clio.listCalendarEntries(from, to, null).stream().map(ClioLedgerMapper::toCalendarEvent).toList();
    }

    /** Clio knows email and phone communications; texts are logged as phone communications. */
    @Override
    public String logCommunication(NewCommunication c) {
        String type = c.kind() == CommunicationKind.EMAIL ? "EmailCommunication" : "PhoneCommunication";
        return clio.createCommunication(type, c.matterId(), c.subject(), c.body(),
                c.at().atZone(firmZone).toLocalDate().toString(), c.at().toString(),
                participants(c.senders()), participants(c.receivers()), c.idempotencyKey());
    }

    private static List<ClioClient.Participant> participants(List<Party> parties) {
        return parties.stream().map(p -> new ClioClient.Participant(Long.parseLong(p.id()),
                p.type() == PartyType.USER ? "User" : "Contact")).toList();
    }
}
