package com.casewire.practice.mycase;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MyCaseMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void caseWithClientAndAttorneyBecomesAMatter() throws Exception {
        Matter matter = MyCaseMapper.toMatter(
                json(MyCaseFixtures.kase(2001, "Doe divorce", "open", "Discovery", "2026-03-01T10:00:00Z")),
                json(MyCaseFixtures.client(501, "Jane", "Doe", "jane@example.com", "(201) 555-0100")),
                json(MyCaseFixtures.staff(77, "Alex", "Counsel", "alex@firm.example")), "US", "");

        assertThat(matter.id()).isEqualTo("2001");
        assertThat(matter.displayNumber()).isEqualTo("MC-2001");
        assertThat(matter.name()).isEqualTo("Doe divorce");
        assertThat(matter.status()).isEqualTo("open");
        assertThat(matter.practiceArea()).isEqualTo("Family Law");
        assertThat(matter.responsibleAttorney().name()).isEqualTo("Alex Counsel");
        assertThat(matter.responsibleAttorney().email()).isEqualTo("alex@firm.example");
        assertThat(matter.client().name()).isEqualTo("Jane Doe");
        assertThat(matter.client().greetingName()).isEqualTo("Jane");
        assertThat(matter.client().mobilePhone()).isEqualTo("+12015550100");
        assertThat(matter.client().email()).isEqualTo("jane@example.com");
        assertThat(matter.client().preferredChannel()).isNull();
    }

    @Test
    void practiceAreaAndStageMayBeObjectsWithAName() throws Exception {
        JsonNode kase = json("""
                {"id":1,"name":"X","practice_area":{"id":4,"name":"Estate Planning"},"case_stage":{"id":2,"name":"Trial"}}""");

        assertThat(MyCaseMapper.toMatter(kase, null, null, "US", null).practiceArea()).isEqualTo("Estate Planning");
        assertThat(MyCaseChanges.stageOf(kase)).isEqualTo("Trial");
    }

    @Test
    void aClientWithoutAUsableMobileHasNone() throws Exception {
        Contact contact = MyCaseMapper.toContact(json(MyCaseFixtures.client(5, "Ann", "Lee", null, "555-0100")), "US", null);

        assertThat(contact.mobilePhone()).isNull();
        assertThat(contact.email()).isNull();
    }

    @Test
    void preferenceComesFromTheConfiguredCustomFieldInEitherReportedShape() throws Exception {
        JsonNode byName = json("""
                {"id":1,"first_name":"A","custom_field_values":[{"field_name":"Other","value":"x"},
                 {"field_name":"Preferred contact","value":"Text message"}]}""");
        JsonNode byNestedField = json("""
                {"id":1,"first_name":"A","custom_field_values":[{"custom_field":{"id":31,"name":"Contact by"},
                 "value":{"option_value":"E-mail"}}]}""");
        JsonNode byId = json("""
                {"id":1,"first_name":"A","custom_field_values":[{"custom_field_id":31,"value":"Portal"}]}""");
        JsonNode topLevel = json("""
                {"id":1,"first_name":"A","preferred_channel":"sms"}""");

        assertThat(MyCaseMapper.preference(byName, "preferred contact")).contains(Channel.SMS);
        assertThat(MyCaseMapper.preference(byNestedField, "Contact by")).contains(Channel.EMAIL);
        assertThat(MyCaseMapper.preference(byId, "31")).contains(Channel.PORTAL);
        assertThat(MyCaseMapper.preference(topLevel, "preferred_channel")).contains(Channel.SMS);
        assertThat(MyCaseMapper.preference(byName, "")).isEmpty();
        assertThat(MyCaseMapper.preference(byName, "Other")).isEmpty(); // "x" is no channel
        assertThat(MyCaseMapper.toContact(byName, "US", "Preferred contact").preferredChannel()).isEqualTo(Channel.SMS);
    }

    @Test
    void leadAttorneyIsTheFlaggedStaffMemberElseTheFirst() throws Exception {
        assertThat(MyCaseMapper.leadStaffId(json("{\"staff\":[{\"id\":5},{\"id\":6,\"lead_lawyer\":true}]}"))).isEqualTo("6");
        assertThat(MyCaseMapper.leadStaffId(json("{\"staff\":[{\"id\":5},{\"id\":6}]}"))).isEqualTo("5");
        assertThat(MyCaseMapper.leadStaffId(json("{\"staff\":[]}"))).isNull();
    }

    @Test
    void caseOfATaskOrDocumentIsNestedOrFlat() throws Exception {
        assertThat(MyCaseMapper.caseIdOf(json("{\"case\":{\"id\":9}}"))).isEqualTo("9");
        assertThat(MyCaseMapper.caseIdOf(json("{\"case_id\":9}"))).isEqualTo("9");
        assertThat(MyCaseMapper.caseIdOf(json("{\"case\":null}"))).isNull();
    }

    @Test
    void timesWithOffsetInstantOrLocalAreRead() {
        assertThat(MyCaseMapper.instant("2026-03-10T07:00:00-05:00")).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(MyCaseMapper.instant("2026-03-10T12:00:00Z")).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(MyCaseMapper.instant("2026-03-10T12:00:00")).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(MyCaseMapper.instant("yesterday")).isNull();
        assertThat(MyCaseMapper.instant(null)).isNull();
    }
}
