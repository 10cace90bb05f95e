package com.casewire.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class BillingRulesTest {

    static BillingRules parse(String yaml) {
        return BillingRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "billing.rules.yaml");
    }

    @Test
    void theShippedRulesAreTheIssuesDefaults() {
        BillingRules rules = BillingRules.load(Path.of("routes", "billing.rules.yaml"));
        assertThat(rules.dayOf(LadderStage.REMINDER)).isEqualTo(7);
        assertThat(rules.dayOf(LadderStage.SECOND_NOTICE)).isEqualTo(14);
        assertThat(rules.dayOf(LadderStage.ESCALATION)).isEqualTo(21);
        assertThat(rules.runAt()).isEqualTo(LocalTime.of(9, 0));
        assertThat(rules.statementOlderThanDays()).isEqualTo(30);
    }

    @Test
    void anEmptyFileMeansTheDefaults() {
        BillingRules rules = parse("{}");
        assertThat(rules.dayOf(LadderStage.SECOND_NOTICE)).isEqualTo(14);
        assertThat(rules.isBusinessDay(LocalDate.parse("2027-01-09"))).isFalse(); // a Saturday
        assertThat(rules.isBusinessDay(LocalDate.parse("2027-01-11"))).isTrue();
    }

    @Test
    void theStatementGoesOutOnTheMonthsFirstBusinessDay() {
        BillingRules rules = parse("holidays: [2027-02-01]");
        // 2027-05-01 is a Saturday: Monday the 3rd; 2027-02-01 (Monday) is a holiday here: the 2nd
        assertThat(rules.isStatementDay(LocalDate.parse("2027-05-03"))).isTrue();
        assertThat(rules.isStatementDay(LocalDate.parse("2027-05-01"))).isFalse();
        assertThat(rules.isStatementDay(LocalDate.parse("2027-02-01"))).isFalse();
        assertThat(rules.isStatementDay(LocalDate.parse("2027-02-02"))).isTrue();
        assertThat(parse("statement: {enabled: false}").isStatementDay(LocalDate.parse("2027-05-03"))).isFalse();
    }

    @Test
    void theEscalationTaskIsDueInBusinessDays() {
        // Friday + 2 business days = Tuesday
        assertThat(parse("{}").escalationTaskDue(LocalDate.parse("2027-01-22"))).isEqualTo(LocalDate.parse("2027-01-26"));
    }

    @Test
    void badValuesNameTheFileAndKey() {
        assertThatThrownBy(() -> parse("stages: {reminder: 14, secondNotice: 7}"))
                .hasMessageContaining("billing.rules.yaml").hasMessageContaining("in order");
        assertThatThrownBy(() -> parse("stages: {reminder: soon}")).hasMessageContaining("stages.reminder");
        assertThatThrownBy(() -> parse("runAt: noon")).hasMessageContaining("runAt");
        assertThatThrownBy(() -> parse("businessDays: [FUNDAY]")).hasMessageContaining("FUNDAY");
        assertThatThrownBy(() -> parse("businessDays: []")).hasMessageContaining("at least one day");
        assertThatThrownBy(() -> parse("holidays: [Christmas]")).hasMessageContaining("holidays");
        assertThatThrownBy(() -> parse("statement: {enabled: maybe}")).hasMessageContaining("statement.enabled");
        assertThatThrownBy(() -> parse("- a list")).hasMessageContaining("expected a mapping");
    }

    @Test
    void stagesMoveOneAtATimeInOrder() {
        assertThat(LadderStage.after(0)).isEqualTo(LadderStage.REMINDER);
        assertThat(LadderStage.after(1)).isEqualTo(LadderStage.SECOND_NOTICE);
        assertThat(LadderStage.after(2)).isEqualTo(LadderStage.ESCALATION);
        assertThat(LadderStage.after(3)).isNull();
    }
}
