package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.Channel;
import com.casewire.staff.StaffDirectory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IntakeRulesTest {

    static final String STAFF = """
            staff:
              - {name: Alex Counsel, email: a@x.example, practiceUserId: "1", roles: [attorney], prefers: email}
              - {name: Robin Intake, email: r@x.example, practiceUserId: "2", roles: [intake-owner], prefers: email}
            """;

    static StaffDirectory staff(String yaml) {
        return StaffDirectory.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "staff.yaml");
    }

    @Test
    void theShippedRulesLoadAndMapMatterTypesNumbersAndDigits() {
        IntakeRules rules = IntakeRules.load(Path.of("routes", "intake.rules.yaml"),
                StaffDirectory.load(Path.of("routes", "staff.yaml")));

        assertThat(rules.practiceAreaFor("Car Accident")).isEqualTo("Personal Injury");
        assertThat(rules.practiceAreaFor("car_accident")).isEqualTo("Personal Injury");
        assertThat(rules.practiceAreaFor("something else")).isEqualTo("General");
        assertThat(rules.practiceAreaFor(null)).isEqualTo("General");
        assertThat(rules.matterTypeForCalledNumber("+12015550188")).hasValue("personal-injury");
        assertThat(rules.matterTypeForDigit("2")).hasValue("family-law");
        assertThat(rules.attorneysFor("Personal Injury")).extracting(IntakeRules.Person::key)
                .containsExactly("alex@firm.example", "blair@firm.example");
        assertThat(rules.attorneysFor("Personal Injury").get(0).calendarId()).isEqualTo("alex@firm.example");
        assertThat(rules.attorneysFor("Personal Injury").get(0).mobile()).isEqualTo("+12015550111");
        assertThat(rules.intakeOwner().name()).isEqualTo("Robin Intake");
        assertThat(rules.intakeOwner().channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void aRuleThatNamesSomeoneWhoIsNotAnAttorneyStopsTheHubWithItsName() {
        String yaml = """
                businessHours: {days: [MONDAY], opens: "09:00", closes: "17:00"}
                defaultPracticeArea: General
                practiceAreas:
                  General: [r@x.example]
                """;

        assertThatThrownBy(() -> IntakeRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "rules.yaml", staff(STAFF)))
                .hasMessageContaining("practiceAreas.General names 'r@x.example', who is not an attorney in staff.yaml");
    }

    @Test
    void peopleInTheIntakeRulesAreRefusedWithWhereTheyMoved() {
        String yaml = """
                businessHours: {days: [MONDAY], opens: "09:00", closes: "17:00"}
                defaultPracticeArea: General
                practiceAreas:
                  General: [a@x.example]
                attorneys:
                  alex: {name: Alex, practiceUserId: "1", calendarId: a@x.example, channel: email, email: a@x.example}
                """;

        assertThatThrownBy(() -> IntakeRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "rules.yaml", staff(STAFF)))
                .hasMessageContaining("'attorneys' has moved to staff.yaml");
    }

    @Test
    void theIntakeOwnerIsTheOnePersonWithThatRole() {
        String yaml = """
                businessHours: {days: [MONDAY], opens: "09:00", closes: "17:00"}
                defaultPracticeArea: General
                practiceAreas:
                  General: [a@x.example]
                """;
        String noOwner = """
                staff:
                  - {name: Alex Counsel, email: a@x.example, practiceUserId: "1", roles: [attorney]}
                """;

        assertThatThrownBy(() -> IntakeRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "rules.yaml", staff(noOwner)))
                .hasMessageContaining("exactly one person with the intake-owner role");
    }
}
