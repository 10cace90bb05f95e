package com.casewire.practice.mycase;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.TimeEntry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MyCase ledger JSON to canonical records: hours to seconds, decimal money to cents, overdue decided on our side. */
class MyCaseLedgerMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aTimeEntryInDecimalHoursBecomesSecondsAndCents() throws Exception {
        TimeEntry entry = MyCaseLedgerMapper.toTimeEntry(json(MyCaseFixtures.timeEntry(9001, "2026-03-02", "1.5", "300.00",
                2001L, 77, true, "2026-03-02T20:00:00Z")));

        assertThat(entry).isEqualTo(new TimeEntry("9001", "2001", "77", LocalDate.of(2026, 3, 2), 5400, 30000, 45000,
                "Research for 2026-03-02", false, false));
    }

    @Test
    void theOtherReportedShapeReadsDateUserAmountAndBilled() throws Exception {
        TimeEntry entry = MyCaseLedgerMapper.toTimeEntry(json("""
                {"id":12,"date":"2026-03-03","hours":0.1,"rate":250.5,"amount":25.05,"description":"Call",
                 "billable":false,"billed":true,"case":{"id":2002},"user":{"id":78}}"""));

        assertThat(entry.seconds()).isEqualTo(360);
        assertThat(entry.userId()).isEqualTo("78");
        assertThat(entry.rateCents()).isEqualTo(25050);
        assertThat(entry.totalCents()).isEqualTo(2505);
        assertThat(entry.billed()).isTrue();
        assertThat(entry.nonBillable()).isTrue();
    }

    @Test
    void hoursAsTextRoundToTheNearestSecondAndAnEntryWithoutADateIsSkipped() throws Exception {
        assertThat(MyCaseLedgerMapper.toTimeEntry(json("""
                {"id":1,"entry_date":"2026-03-02T00:00:00Z","hours":"0.3333","rate":null}""")).seconds()).isEqualTo(1200);
        assertThat(MyCaseLedgerMapper.toTimeEntry(json("{\"id\":2,\"hours\":1}"))).isNull();
    }

    @Test
    void anInvoiceKeepsItsAmountsInCentsAndItsCase() throws Exception {
        Invoice invoice = MyCaseLedgerMapper.toInvoice(json(MyCaseFixtures.invoice(88, "MC-INV-1001", "sent", "2026-02-15",
                "1500.00", "1234.50", 2001)));

        assertThat(invoice).isEqualTo(new Invoice("88", "MC-INV-1001", "sent", LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 2, 15), 150000, 123450, null, null, List.of("2001")));
    }

    @Test
    void withoutABalanceWhatIsOwedIsTotalMinusPaid() throws Exception {
        assertThat(MyCaseLedgerMapper.balanceCents(json("{\"total\":\"200.00\",\"paid_amount\":\"50.25\"}"))).isEqualTo(14975);
        assertThat(MyCaseLedgerMapper.balanceCents(json("{\"total\":200}"))).isEqualTo(20000);
    }

    @Test
    void overdueMeansOwedPastItsDueDateAndNotPaidVoidOrDraft() {
        LocalDate today = LocalDate.of(2026, 2, 16);

        assertThat(MyCaseLedgerMapper.isOverdue(invoice("sent", "2026-02-15", 100), today)).isTrue();
        assertThat(MyCaseLedgerMapper.isOverdue(invoice("sent", "2026-02-16", 100), today)).as("due today").isFalse();
        assertThat(MyCaseLedgerMapper.isOverdue(invoice("sent", "2026-02-15", 0), today)).as("nothing owed").isFalse();
        assertThat(MyCaseLedgerMapper.isOverdue(invoice("Paid", "2026-02-15", 100), today)).isFalse();
        assertThat(MyCaseLedgerMapper.isOverdue(invoice("void", "2026-02-15", 100), today)).isFalse();
        assertThat(MyCaseLedgerMapper.isOverdue(invoice("draft", "2026-02-15", 100), today)).isFalse();
        assertThat(MyCaseLedgerMapper.isOverdue(invoice("partial", "2026-02-15", 100), today)).isTrue();
        assertThat(MyCaseLedgerMapper.isOverdue(invoice("sent", null, 100), today)).as("no due date").isFalse();
    }

    @Test
    void calendarEventsReadEitherReportedShapeAndAllDayEventsCoverTheFirmsDay() throws Exception {
        CalendarEvent timed = MyCaseLedgerMapper.toCalendarEvent(json(MyCaseFixtures.event(31, "Deposition",
                "2026-03-02T14:00:00-05:00", "2026-03-02T15:30:00-05:00", 2001L)), NEW_YORK);
        CalendarEvent other = MyCaseLedgerMapper.toCalendarEvent(json("""
                {"id":32,"title":"Hearing","start_at":"2026-03-03T15:00:00Z","end_at":"2026-03-03T16:00:00Z","case":null}"""),
                NEW_YORK);
        CalendarEvent allDay = MyCaseLedgerMapper.toCalendarEvent(json("""
                {"id":33,"summary":"Trial","start":"2026-03-04","end":"2026-03-04","all_day":true,"case_id":2003}"""), NEW_YORK);

        assertThat(timed).isEqualTo(new CalendarEvent("31", "mycase", "Deposition", Instant.parse("2026-03-02T19:00:00Z"),
                Instant.parse("2026-03-02T20:30:00Z"), null, "2001", List.of(), false));
        assertThat(other.summary()).isEqualTo("Hearing");
        assertThat(other.matterId()).isNull();
        assertThat(other.start()).isEqualTo(Instant.parse("2026-03-03T15:00:00Z"));
        assertThat(allDay.start()).isEqualTo(Instant.parse("2026-03-04T05:00:00Z"));
        assertThat(allDay.end()).isEqualTo(Instant.parse("2026-03-05T05:00:00Z"));
        assertThat(allDay.matterId()).isEqualTo("2003");
    }

    @Test
    void aTrustBalanceRecordIsInCents() throws Exception {
        assertThat(MyCaseLedgerMapper.toTrustBalance("2001", json("{\"id\":5,\"name\":\"IOLTA\",\"balance\":\"2500.10\"}"))
                .balanceCents()).isEqualTo(250010);
    }

    private static Invoice invoice(String status, String dueOn, long balanceCents) {
        return new Invoice("1", "N", status, null, dueOn == null ? null : LocalDate.parse(dueOn), 10000, balanceCents,
                null, null, List.of());
    }
}
