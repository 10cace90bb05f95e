package com.casewire.gcal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matter ids: the private extended property first, then hub.google.matter-pattern in the title. */
class CalendarEventMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final CalendarEventMapper mapper = new CalendarEventMapper(GcalFixtures.hub("https://google.example").google());

    private JsonNode event(String body) throws Exception {
        return json.readTree(body);
    }

    @Test
    void extendedPropertyWinsOverTheTitle() throws Exception {
        JsonNode e = event("""
                {"id":"e1","status":"confirmed","summary":"Hearing [M 1]","extendedProperties":{"private":{"matterId":"2002"}},
                 "start":{"dateTime":"2026-03-04T09:00:00Z"},"end":{"dateTime":"2026-03-04T10:00:00Z"}}""");
        assertThat(mapper.map("cal", null, e).matterId()).isEqualTo("2002");
    }

    @Test
    void defaultPatternFindsTheCommonTitleForms() throws Exception {
        assertThat(mapper.matterId(event("{}"), "Hearing [M 1042]")).isEqualTo("1042");
        assertThat(mapper.matterId(event("{}"), "[Matter #77] call with client")).isEqualTo("77");
        assertThat(mapper.matterId(event("{}"), "Review [M:5]")).isEqualTo("5");
        assertThat(mapper.matterId(event("{}"), "Lunch")).isNull();
        assertThat(mapper.matterId(event("{}"), null)).isNull();
        // a shared (not private) property is not ours
        assertThat(mapper.matterId(event("{\"extendedProperties\":{\"shared\":{\"matterId\":\"9\"}}}"), "Lunch")).isNull();
    }

    @Test
    void aConfiguredPatternReplacesTheDefault() throws Exception {
        Map<String, String> p = GcalFixtures.required();
        p.put("hub.google.matter-pattern", "CASE-(\\d+)");
        CalendarEventMapper custom = new CalendarEventMapper(GcalFixtures.bind(p).google());
        assertThat(custom.matterId(event("{}"), "Mediation CASE-314")).isEqualTo("314");
        assertThat(custom.matterId(event("{}"), "Hearing [M 1042]")).isNull();
    }

    @Test
    void eventTimeZoneDecidesWhereAnAllDayEventStarts() throws Exception {
        JsonNode e = event("""
                {"id":"e1","status":"confirmed","summary":"Trial",
                 "start":{"date":"2026-03-12","timeZone":"Europe/London"},"end":{"date":"2026-03-13","timeZone":"Europe/London"}}""");
        assertThat(mapper.map("cal", "America/New_York", e).start()).hasToString("2026-03-12T00:00:00Z");
        assertThat(mapper.map("cal", null, event("""
                {"id":"e2","start":{"date":"2026-03-12"},"end":{"date":"2026-03-13"}}""")).end())
                .hasToString("2026-03-13T00:00:00Z");
    }

    @Test
    void googleSettingsDefaultWhenNoKeysAreGiven() {
        GoogleProperties google = GcalFixtures.bind(GcalFixtures.required()).google();
        assertThat(google.baseUrl()).isEqualTo("https://www.googleapis.com/calendar/v3");
        assertThat(google.tokenUrl()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(google.calendarIds()).isEmpty();
        assertThat(google.enabled()).isFalse();
        assertThat(google.requestsPerMinute()).isEqualTo(300);
        assertThat(google.matterPattern()).isEqualTo("\\[(?:M|Matter)[ #:]*(\\d+)\\]");
        assertThat(google.isCredentialsPresent()).isTrue(); // not needed while off
        assertThat(google.isMatterPatternValid()).isTrue();
    }

    @Test
    void googleSettingsRejectMissingCredentialsAndAPatternWithoutAGroup() {
        Map<String, String> p = GcalFixtures.required();
        p.put("hub.google.calendar-ids", "a@example.com,b@example.com");
        p.put("hub.google.matter-pattern", "no-group");
        GoogleProperties google = GcalFixtures.bind(p).google();
        assertThat(google.calendarIds()).containsExactly("a@example.com", "b@example.com");
        assertThat(google.isCredentialsPresent()).isFalse();
        assertThat(google.isMatterPatternValid()).isFalse();
    }
}
