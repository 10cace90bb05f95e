package com.casewire.practice.clio;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ClioMatterMapperTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ClioMatterMapper.CustomFields FIELDS = new ClioMatterMapper.CustomFields("Preferred contact method", "Updates contact");

    static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }

    static final String MATTER = """
            {"id":1001,"display_number":"00001-Doe","description":"Doe v. Acme","status":"Open",
             "practice_area":{"id":9,"name":"Personal Injury"},
             "responsible_attorney":{"id":77,"name":"Alex Counsel","email":"alex@firm.example"},
             "client":{"id":501,"name":"Jane Doe","first_name":"Jane","primary_email_address":"jane@example.com",
                       "primary_phone_number":"(201) 555-0100"},
             "custom_field_values":[
               {"id":"cf-1","field_name":"Preferred contact method","field_type":"text_line","value":"E-mail"},
               {"id":"cf-2","field_name":"Updates contact","field_type":"contact","value":601}]}""";

    @Test
    void preferenceCustomFieldBecomesTheClientsChannel() throws Exception {
        Matter matter = ClioMatterMapper.toMatter(read(MATTER), "US", FIELDS, null);

        assertThat(matter.client().preferredChannel()).isEqualTo(Channel.EMAIL);
        assertThat(matter.client().mobilePhone()).isEqualTo("+12015550100");
        assertThat(matter.updatesRecipient()).isSameAs(matter.client());
    }

    @Test
    void updatesContactFieldNamesTheContactId() throws Exception {
        assertThat(ClioMatterMapper.notifyContactId(read(MATTER), FIELDS)).hasValue("601");
        assertThat(ClioMatterMapper.notifyContactId(read(MATTER), ClioMatterMapper.CustomFields.NONE)).isEmpty();

        Contact guardian = new Contact("601", "Maria Doe", "Maria", null, "+12015550177", null, null);
        Matter matter = ClioMatterMapper.toMatter(read(MATTER), "US", FIELDS, guardian);
        assertThat(matter.updatesRecipient().name()).isEqualTo("Maria Doe");
        assertThat(matter.updatesRecipient().preferredChannel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void withoutTheFieldsNothingChanges() throws Exception {
        Matter matter = ClioMatterMapper.toMatter(read(MATTER), "US");

        assertThat(matter.client().preferredChannel()).isNull();
        assertThat(matter.notifyContact()).isNull();
    }

    @Test
    void detailsPerModelUseClioFieldNames() throws Exception {
        assertThat(ClioMatterMapper.details("task", read("{\"id\":1,\"name\":\"Intake\",\"status\":\"complete\",\"matter\":{\"id\":1}}")))
                .containsEntry("name", "Intake").containsEntry("status", "complete");
        assertThat(ClioMatterMapper.details("document",
                read("{\"id\":1,\"name\":\"a.pdf\",\"document_category\":{\"id\":3,\"name\":\"Settlement offer\"}}")))
                .containsEntry("name", "a.pdf").containsEntry("category", "Settlement offer");
        assertThat(ClioMatterMapper.details("calendar_entry",
                read("{\"id\":\"c1\",\"summary\":\"Hearing\",\"start_at\":\"2026-12-08T14:30:00Z\"}")))
                .containsEntry("summary", "Hearing").containsEntry("start_at", "2026-12-08T14:30:00Z");
        assertThat(ClioMatterMapper.details("activity", read("{\"id\":1,\"type\":\"TimeEntry\",\"note\":\"Filed the complaint\"}")))
                .containsEntry("summary", "Filed the complaint").containsEntry("category", "TimeEntry");
        assertThat(ClioMatterMapper.details("matter", read("{\"id\":1,\"status\":\"Closed\"}"))).containsEntry("status", "Closed");
        assertThat(ClioMatterMapper.details("document", read("{\"id\":1,\"name\":\"a.pdf\",\"document_category\":null}")))
                .containsEntry("category", null);
    }

    @Test
    void channelWords() {
        assertThat(Channel.fromWords("Text message")).hasValue(Channel.SMS);
        assertThat(Channel.fromWords(" sms ")).hasValue(Channel.SMS);
        assertThat(Channel.fromWords("E-mail")).hasValue(Channel.EMAIL);
        assertThat(Channel.fromWords("Client portal")).hasValue(Channel.PORTAL);
        assertThat(Channel.fromWords("carrier pigeon")).isEmpty();
        assertThat(Channel.fromWords(null)).isEmpty();
    }
}
