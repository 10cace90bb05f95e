package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.Channel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IntakeRulesTest {

    @Test
    void theShippedRulesLoadAndMapMatterTypesNumbersAndDigits() {
        IntakeRules rules = IntakeRules.load(Path.of("routes", "intake.rules.yaml"));

        assertThat(rules.practiceAreaFor("Car Accident")).isEqualTo("Personal Injury");
        assertThat(rules.practiceAreaFor("car_accident")).isEqualTo("Personal Injury");
        assertThat(rules.practiceAreaFor("something else")).isEqualTo("General");
        assertThat(rules.practiceAreaFor(null)).isEqualTo("General");
        assertThat(rules.matterTypeForCalledNumber("+12015550188")).hasValue("personal-injury");
        assertThat(rules.matterTypeForDigit("2")).hasValue("family-law");
        assertThat(rules.attorneysFor("Personal Injury")).extracting(IntakeRules.Person::key).containsExactly("alex", "blair");
        assertThat(rules.intakeOwner().channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void aRuleThatNamesAnUnknownAttorneyStopsTheHubWithItsName() {
        String yaml = """
                businessHours: {days: [MONDAY], opens: "09:00", closes: "17:00"}
                defaultPracticeArea: General
                practiceAreas:
                  General: [nobody]
                attorneys:
                  alex: {name: Alex, practiceUserId: "1", calendarId: a@x.example, channel: email, email: a@x.example}
                intakeOwner: {name: Robin, practiceUserId: "2", channel: email, email: r@x.example}
                """;

        assertThatThrownBy(() -> IntakeRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "rules.yaml"))
                .hasMessageContaining("practiceAreas.General names 'nobody'");
    }

    @Test
    void anAttorneyAlertedBySmsNeedsAMobile() {
        String yaml = """
                businessHours: {days: [MONDAY], opens: "09:00", closes: "17:00"}
                defaultPracticeArea: General
                practiceAreas:
                  General: [alex]
                attorneys:
                  alex: {name: Alex, practiceUserId: "1", calendarId: a@x.example, channel: sms, email: a@x.example}
                intakeOwner: {name: Robin, practiceUserId: "2", channel: email, email: r@x.example}
                """;

        assertThatThrownBy(() -> IntakeRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "rules.yaml"))
                .hasMessageContaining("attorneys.alex is alerted by sms but has no mobile");
    }
}
