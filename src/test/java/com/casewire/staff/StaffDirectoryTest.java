package com.casewire.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.Channel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StaffDirectoryTest {

    static StaffDirectory parse(String yaml) {
        return StaffDirectory.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "routes/staff.yaml");
    }

    @Test
    void theIssueShapeLoads() {
        StaffDirectory staff = parse("""
                staff:
                  - name: Jordan Blake
                    email: jblake@firm.example
                    mobile: "+12015550301"
                    timeZone: America/New_York
                    practiceUserId: "3001"
                    roles: [attorney]
                    prefers: sms
                """);

        Staff jordan = staff.byPracticeUserId("3001").orElseThrow();
        assertThat(jordan.name()).isEqualTo("Jordan Blake");
        assertThat(jordan.mobile()).isEqualTo("+12015550301");
        assertThat(jordan.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(jordan.has(Staff.Role.ATTORNEY)).isTrue();
        assertThat(jordan.channel()).isEqualTo(Channel.SMS);
        assertThat(staff.byMobile("+12015550301")).contains(jordan);
        assertThat(staff.byEmail("JBlake@firm.example")).contains(jordan);
    }

    @Test
    void prefersSmsWithoutAMobileIsReachedByEmail() {
        Staff casey = parse("""
                staff:
                  - {name: Casey, email: c@firm.example, practiceUserId: "9", roles: [attorney], prefers: sms}
                """).byPracticeUserId("9").orElseThrow();

        assertThat(casey.channel()).isEqualTo(Channel.EMAIL);
        assertThat(casey.asContact().preferredChannel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void theShippedFileLoads() {
        StaffDirectory staff = StaffDirectory.load(Path.of("routes", "staff.yaml"));

        assertThat(staff.withRole(Staff.Role.ATTORNEY)).hasSize(3);
        assertThat(staff.withRole(Staff.Role.INTAKE_OWNER)).hasSize(1);
        assertThat(staff.withRole(Staff.Role.ATTORNEY).stream().map(Staff::timeZone).distinct()).hasSize(2);
    }

    @Test
    void aBadRoleNamesTheFileAndTheEntry() {
        assertThatThrownBy(() -> parse("""
                staff:
                  - {name: Alex, email: a@firm.example, practiceUserId: "1", roles: [attorney]}
                  - {name: Blair, email: b@firm.example, practiceUserId: "2", roles: [partner]}
                """)).hasMessage("routes/staff.yaml:3: staff[1] (Blair): unknown role 'partner' (one of attorney, "
                + "billing-manager, billing-partner, intake-owner, practice-group-leader)");
    }

    @Test
    void aNumberThatIsNotE164NamesTheEntry() {
        assertThatThrownBy(() -> parse("""
                staff:
                  - {name: Alex, email: a@firm.example, mobile: "(201) 555-0111", practiceUserId: "1", roles: [attorney]}
                """)).hasMessageStartingWith("routes/staff.yaml:2: staff[0] (Alex): mobile '(201) 555-0111' is not a valid E.164 number");
    }

    @Test
    void anUnknownZoneNamesTheEntry() {
        assertThatThrownBy(() -> parse("""
                staff:
                  - {name: Alex, email: a@firm.example, timeZone: Eastern, practiceUserId: "1", roles: [attorney]}
                """)).hasMessageStartingWith("routes/staff.yaml:2: staff[0] (Alex): timeZone 'Eastern' is not an IANA zone");
    }

    @Test
    void typosAndDuplicatesAreRefused() {
        assertThatThrownBy(() -> parse("""
                staff:
                  - {name: Alex, email: a@firm.example, practiceUserId: "1", roles: [attorney], prefer: sms}
                """)).hasMessageContaining("unknown key 'prefer' (did you mean 'prefers'?)");
        assertThatThrownBy(() -> parse("""
                staff:
                  - {name: Alex, email: a@firm.example, practiceUserId: "1", roles: [attorney]}
                  - {name: Alex Two, email: a2@firm.example, practiceUserId: "1", roles: [attorney]}
                """)).hasMessageContaining("staff[1] (Alex Two): practiceUserId 1 is listed twice");
        assertThatThrownBy(() -> parse("""
                staff:
                  - {name: Alex, email: a@firm.example, practiceUserId: "1", roles: [attorney], prefers: portal}
                """)).hasMessageContaining("prefers must be sms or email");
    }
}
