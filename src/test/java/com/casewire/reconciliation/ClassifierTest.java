package com.casewire.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a correlated group is judged, section by section. */
class ClassifierTest {

    static FactGroup group(String section, String key, Fact... facts) {
        FactGroup g = new FactGroup(section, key);
        g.facts.addAll(java.util.List.of(facts));
        return g;
    }

    static Fact money(String side, String id, long cents) {
        return new Fact("money", side, id, "INV-1", cents, null, "INV-1", null, null);
    }

    @Test
    void moneyIsMatchedWhenOneChargeEqualsWhatThePracticeSystemRecordedEvenSplitAcrossAccounts() {
        assertThat(Classifier.judge(group("money", "INV-1", money("gateway", "t1", 10000), money("ledger", "p1", 6000),
                money("ledger", "p2", 4000))).kind()).isEqualTo("matched");
    }

    @Test
    void moneyExceptions() {
        Finding notApplied = Classifier.judge(group("money", "INV-1", money("gateway", "t1", 10000)));
        assertThat(notApplied.kind()).isEqualTo("gateway_only");
        assertThat(notApplied.gatewayCents()).isEqualTo(10000);
        assertThat(notApplied.practiceCents()).isNull();
        assertThat(Classifier.judge(group("money", "INV-1", money("ledger", "p1", 10000))).kind()).isEqualTo("practice_only");
        Finding mismatch = Classifier.judge(group("money", "INV-1", money("gateway", "t1", 10000), money("ledger", "p1", 9999)));
        assertThat(mismatch.kind()).isEqualTo("amount_mismatch");
        assertThat(mismatch.detail()).contains("100.00", "99.99");
        Finding twice = Classifier.judge(group("money", "INV-1", money("gateway", "t1", 5000), money("gateway", "t2", 5000),
                money("ledger", "p1", 5000)));
        assertThat(twice.kind()).isEqualTo("duplicate_charge");
        assertThat(twice.records()).isEqualTo("gateway:t1 gateway:t2 ledger:p1");
    }

    @Test
    void referencesCompareWithoutCaseOrSpaceAndARecordWithoutOneStandsAlone() {
        assertThat(Fact.moneyKey("gateway", "t1", " inv-7 ")).isEqualTo(Fact.moneyKey("ledger", "p1", "INV-7"));
        assertThat(Fact.moneyKey("gateway", "t1", null)).isNotEqualTo(Fact.moneyKey("ledger", "t1", null));
    }

    @Test
    void timeIsJudgedOnlyWhereThereWasABillableEvent() {
        Fact event = new Fact("time", "event", "p1", "77|1001", null, null, "77", "1001", "Client call");
        Fact entry = new Fact("time", "entry", "8001", "77|1001", null, null, "77", "1001", null);
        assertThat(Classifier.judge(group("time", "77|1001", event, entry)).kind()).isEqualTo("matched");
        assertThat(Classifier.judge(group("time", "77|1001", event)).kind()).isEqualTo("no_time_entry");
        assertThat(Classifier.judge(group("time", "77|1001", entry))).isNull();
    }

    @Test
    void aMessageIsMatchedOnlyOnceItsNoteWasSent() {
        Fact message = new Fact("communications", "message", "1", "k", null, null, "Jane", "1001", "sms: update");
        assertThat(Classifier.judge(group("communications", "k", message)).kind()).isEqualTo("no_note");
        for (String[] c : new String[][] {{"SENT", "matched"}, {"DEAD", "note_failed"}, {"FAILED", "note_failed"},
                {"RETRY_WAIT", "note_pending"}, {"UNKNOWN", "note_pending"}}) {
            Fact note = new Fact("communications", "note", "2", "k", null, null, null, "1001", c[0]);
            assertThat(Classifier.judge(group("communications", "k", message, note)).kind()).as(c[0]).isEqualTo(c[1]);
        }
    }
}
