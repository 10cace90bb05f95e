package com.casewire.retainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The three kinds of threshold, where each term comes from, and the refusals (no Spring). */
class RetainerTermsTest {

    static final String RULES = """
            firm:
              below: 2500.00
              replenishTo: 5000.00
            practiceAreas:
              Family Law:
                belowPercent: 25
                replenishTo: agreed
                agreed: 10000.00
                retainerType: evergreen retainer
              Tax:
                belowHours: 10
                replenishToHours: 40
            matters:
              "42":
                belowHours: 5
                replenishTo: 8000
                rate: 350.00
            customFields:
              threshold: Retainer threshold
              replenishTo: Retainer replenish to
              agreed: Agreed retainer
              retainerType: Retainer type
              billingContact: Billing contact
            """;

    static RetainerRules rules(String yaml) {
        return RetainerRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "retainer.rules.yaml");
    }

    final RetainerTerms terms = new RetainerTerms(rules(RULES));
    final AtomicInteger rateAsked = new AtomicInteger();

    OptionalLong rate(long cents) {
        rateAsked.incrementAndGet();
        return OptionalLong.of(cents);
    }

    @Test
    void aFixedAmountFromTheFirmDefault() {
        var r = terms.resolve("7", "Personal Injury", Map.of(), () -> rate(30000)).terms();
        assertThat(r.thresholdCents()).isEqualTo(250_000);
        assertThat(r.replenishToCents()).isEqualTo(500_000);
        assertThat(r.tier()).isEqualTo(RetainerTerms.FIRM);
        assertThat(r.retainerType()).isEqualTo("trust retainer");
        assertThat(rateAsked).hasValue(0); // no hour-based level: the practice system is not asked for a rate
    }

    @Test
    void aShareOfTheAgreedRetainerByPracticeArea() {
        var r = terms.resolve("8", "family law", Map.of(), () -> rate(30000)).terms();
        assertThat(r.thresholdCents()).isEqualTo(250_000); // 25% of 10,000.00
        assertThat(r.replenishToCents()).isEqualTo(1_000_000); // agreed: all of it
        assertThat(r.tier()).isEqualTo(RetainerTerms.PRACTICE_AREA);
        assertThat(r.retainerType()).isEqualTo("evergreen retainer");
    }

    @Test
    void theAgreedRetainerFromTheMattersCustomFieldChangesTheShare() {
        var r = terms.resolve("8", "Family Law", Map.of("Agreed retainer", "$20,000.00"), () -> rate(30000)).terms();
        assertThat(r.thresholdCents()).isEqualTo(500_000);
        assertThat(r.replenishToCents()).isEqualTo(2_000_000);
        assertThat(r.tier()).isEqualTo(RetainerTerms.PRACTICE_AREA); // the threshold itself still comes from the area
    }

    @Test
    void hoursOfWorkAtTheAttorneysRateFromThePracticeSystem() {
        var r = terms.resolve("9", "Tax", Map.of(), () -> rate(40000)).terms();
        assertThat(r.thresholdCents()).isEqualTo(400_000); // 10 h at 400.00
        assertThat(r.replenishToCents()).isEqualTo(1_600_000); // 40 h
        assertThat(rateAsked).hasValue(1);
    }

    @Test
    void aMatterEntryWinsOverItsPracticeAreaAndItsOwnRateOverTheAttorneys() {
        var r = terms.resolve("42", "Tax", Map.of(), () -> rate(40000)).terms();
        assertThat(r.thresholdCents()).isEqualTo(175_000); // 5 h at the matter's 350.00
        assertThat(r.replenishToCents()).isEqualTo(800_000);
        assertThat(r.tier()).isEqualTo(RetainerTerms.MATTER);
        assertThat(rateAsked).hasValue(0);
    }

    @Test
    void theMattersCustomFieldWinsOverTheFile() {
        var r = terms.resolve("42", "Tax", Map.of("retainer threshold", "1,200", "Retainer replenish to", "3000.50",
                "Retainer type", "flat-fee deposit"), () -> rate(40000)).terms();
        assertThat(r.thresholdCents()).isEqualTo(120_000);
        assertThat(r.replenishToCents()).isEqualTo(300_050);
        assertThat(r.tier()).isEqualTo(RetainerTerms.MATTER_FIELD);
        assertThat(r.retainerType()).isEqualTo("flat-fee deposit");

        var percent = terms.resolve("8", "Family Law", Map.of("Retainer threshold", "40%"), () -> rate(1)).terms();
        assertThat(percent.thresholdCents()).isEqualTo(400_000);
        var hours = terms.resolve("7", null, Map.of("Retainer threshold", "3 hours"), () -> rate(25000)).terms();
        assertThat(hours.thresholdCents()).isEqualTo(75_000);
    }

    @Test
    void aLevelThatNeedsAValueNobodyGaveIsARefusalNeverAGuess() {
        var noRate = terms.resolve("9", "Tax", Map.of(), OptionalLong::empty);
        assertThat(noRate.terms()).isNull();
        assertThat(noRate.refusal()).contains("threshold 10h needs a billing rate");

        var noAgreed = terms.resolve("7", null, Map.of("Retainer threshold", "25%"), () -> rate(1));
        assertThat(noAgreed.refusal()).contains("threshold 25% needs the agreed retainer");

        var garbage = terms.resolve("7", null, Map.of("Retainer threshold", "about a grand"), () -> rate(1));
        assertThat(garbage.refusal()).contains("custom field on matter 7 is not usable").contains("not a number");

        var inverted = terms.resolve("7", null, Map.of("Retainer threshold", "6000"), () -> rate(1));
        assertThat(inverted.refusal()).contains("is not above the threshold");
    }

    @Test
    void theShippedRulesLoad() {
        RetainerRules shipped = RetainerRules.load(Path.of("routes", "retainer.rules.yaml"));
        assertThat(shipped.firm().below()).isEqualTo(Level.amount("2500.00"));
        assertThat(shipped.secondReminderAfter()).isEqualTo(5);
        assertThat(shipped.escalateAfter()).isEqualTo(10);
        assertThat(shipped.reference("1004")).isEqualTo("retainer-1004");
        assertThat(shipped.matterOf("retainer-1004")).isEqualTo("1004");
        assertThat(shipped.matterOf("INV-1001")).isNull();
        assertThat(shipped.matterOf("retainer-../x")).isNull();
    }

    @Test
    void badRulesStopTheHubWithTheKeyNamed() {
        assertThatThrownBy(() -> rules("firm: {below: 2500}\n")).hasMessageContaining("firm needs a threshold");
        assertThatThrownBy(() -> rules("firm: {below: 2500, belowPercent: 20, replenishTo: 5000}\n"))
                .hasMessageContaining("firm: give one of below, belowPercent or belowHours");
        assertThatThrownBy(() -> rules("firm: {below: -5, replenishTo: 5000}\n")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> rules("firm: {below: 2500, replenishTo: 5000, treshold: 1}\n"))
                .hasMessageContaining("unknown key 'treshold'");
        assertThatThrownBy(() -> rules("firm: {below: 2500, replenishTo: 5000}\nladder: {secondReminderAfter: 5, escalateAfter: 3}\n"))
                .hasMessageContaining("ladder.escalateAfter (3) must come after");
        assertThatThrownBy(() -> rules("firm: {below: 2500, replenishTo: 5000}\nsender: partner\n"))
                .hasMessageContaining("sender must be attorney or billing-manager");
    }

    @Test
    void levelsReadTheWaysPeopleWriteThem() {
        assertThat(Level.parse("$2,500.00")).isEqualTo(Level.amount("2500.00"));
        assertThat(Level.parse("25 %").kind()).isEqualTo(Level.Kind.PERCENT);
        assertThat(Level.parse("agreed").cents(1_000_000L, null)).hasValue(1_000_000);
        assertThat(Level.parse("10h").cents(null, 30_000L)).hasValue(300_000);
        assertThat(Level.parse("12.5%").cents(1_000_001L, null)).hasValue(125_000); // rounded half-up to the cent
        assertThatThrownBy(() -> Level.parse("")).hasMessageContaining("empty");
    }
}
