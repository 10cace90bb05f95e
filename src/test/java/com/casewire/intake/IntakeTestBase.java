package com.casewire.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.TwilioFixtures;
import com.casewire.twilio.TwilioSignature;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The intake workflow's world: the hub with the repository's routes/ (intake.camel.yaml and intake.rules.yaml),
 * WireMock Clio and Twilio from {@link HubIntegrationTest}, and a Google Calendar stub that holds to Google's
 * contract (OAuth token endpoint, freeBusy, events.insert, Bearer token checked). Every test starts with no leads.
 */
abstract class IntakeTestBase extends HubIntegrationTest {

    static final String PUBLIC_BASE = "https://hub.test.example";
    static final String CALLER = "+12015550142";
    static final String INJURY_LINE = "+12015550188";
    static final String ALEX_MOBILE = "+12015550111";
    static final String GOOGLE_TOKEN = "google-access-1";

    static final WireMockServer google = new WireMockServer(options().dynamicPort());

    static {
        google.start();
    }

    /** An in-memory H2 database of its own; subclasses on H2 call it from their own {@code @DynamicPropertySource}. */
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:intake-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @DynamicPropertySource
    static void intakeWorld(DynamicPropertyRegistry registry) {
        registry.add("hub.google.base-url", () -> google.baseUrl() + "/calendar/v3");
        registry.add("hub.google.token-url", () -> google.baseUrl() + "/token");
        registry.add("hub.google.client-id", () -> "client-1");
        registry.add("hub.google.client-secret", () -> "secret-1");
        registry.add("hub.google.refresh-token", () -> "refresh-1");
        registry.add("hub.intake.booking-secret", () -> "test-booking-secret-0123456789abcdef");
        registry.add("hub.intake.escalate-after", () -> "2h");
        registry.add("hub.intake.web-form-max-per-ip", () -> "3");
    }

    @Autowired
    WebFormRateLimit rateLimit;

    @BeforeEach
    void intakeWorldReset() {
        // a timer of the previous test may still be writing a lead's history: retry until the tables are empty
        for (int attempt = 0; ; attempt++) {
            try {
                for (String table : List.of("intake_lead_event", "intake_lead", "intake_round_robin")) {
                    jdbc.update("DELETE FROM " + table, Map.of());
                }
                break;
            } catch (org.springframework.dao.DataIntegrityViolationException inFlight) {
                if (attempt > 20) {
                    throw inFlight;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw inFlight;
                }
            }
        }
        rateLimit.clear();
        google.resetAll();
        stubGoogle();
        stubClioIntake();
    }

    /** Google: token for the refresh token; freeBusy with every attorney free; events.insert answering the event. */
    void stubGoogle() {
        google.stubFor(post(urlEqualTo("/token"))
                .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=refresh-1&client_id=client-1&client_secret=secret-1"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"access_token":"%s","expires_in":3599,"scope":"https://www.googleapis.com/auth/calendar","token_type":"Bearer"}"""
                        .formatted(GOOGLE_TOKEN))));
        google.stubFor(post(urlPathMatching("/calendar/v3/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"errors":[{"domain":"global","reason":"authError","message":"Invalid Credentials"}],"code":401,"message":"Invalid Credentials"}}""")));
        stubFreeBusy("");
        google.stubFor(post(urlPathMatching("/calendar/v3/calendars/[^/]+/events")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + GOOGLE_TOKEN))
                .withQueryParam("sendUpdates", equalTo("all"))
                .withRequestBody(matchingJsonPath("$.start.dateTime"))
                .withRequestBody(matchingJsonPath("$.end.dateTime"))
                .withRequestBody(matchingJsonPath("$.summary"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"calendar#event","id":"evt0001","status":"confirmed","etag":"\\"1\\"",
                         "created":"2026-03-02T16:00:00.000Z","updated":"2026-03-02T16:00:00.000Z"}""")));
    }

    /** freeBusy for the three attorneys' calendars; {@code alexBusy} is a JSON list of busy periods for Alex. */
    void stubFreeBusy(String alexBusy) {
        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + GOOGLE_TOKEN))
                .withRequestBody(matchingJsonPath("$.timeMin"))
                .withRequestBody(matchingJsonPath("$.timeMax"))
                .withRequestBody(matchingJsonPath("$.items[0].id"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"calendar#freeBusy","timeMin":"2026-03-02T14:00:00.000Z","timeMax":"2026-03-02T22:00:00.000Z",
                         "calendars":{"alex@firm.example":{"busy":[%s]},"blair@firm.example":{"busy":[]},
                         "casey@firm.example":{"busy":[]}}}""".formatted(alexBusy))));
    }

    /** Clio: contact and matter search find nothing unless a test says otherwise. */
    void stubClioIntake() {
        clio.stubFor(get(urlPathEqualTo("/api/v4/contacts.json")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("query", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                .withQueryParam("fields", com.github.tomakehurst.wiremock.client.WireMock.containing("primary_phone_number"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"data\":[],\"meta\":{\"paging\":{}}}")));
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters.json")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("query", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"data\":[],\"meta\":{\"paging\":{}}}")));
    }

    HttpResponse<String> postTwilio(String path, Map<String, List<String>> params) throws Exception {
        String form = params.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(TwilioFixtures.AUTH_TOKEN, PUBLIC_BASE + path, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A voice status callback as Twilio sends it for a call to the firm's injury line. */
    HttpResponse<String> callStatus(String callSid, String status, String from) throws Exception {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("CallSid", List.of(callSid));
        p.put("AccountSid", List.of(TwilioFixtures.ACCOUNT_SID));
        p.put("From", List.of(from));
        p.put("To", List.of(INJURY_LINE));
        p.put("CallStatus", List.of(status));
        p.put("Direction", List.of("inbound"));
        p.put("ApiVersion", List.of("2010-04-01"));
        return postTwilio("/webhooks/twilio/voice-status", p);
    }

    HttpResponse<String> inboundText(String sid, String from, String body) throws Exception {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("MessageSid", List.of(sid));
        p.put("AccountSid", List.of(TwilioFixtures.ACCOUNT_SID));
        p.put("From", List.of(from));
        p.put("To", List.of(TwilioFixtures.FROM));
        p.put("Body", List.of(body));
        p.put("NumMedia", List.of("0"));
        return postTwilio("/webhooks/twilio/sms", p);
    }

    /** Clio's side of converting the web-form lead Sam Rivera: contact 777, practice area 9, matter 1234. */
    void stubClioConversionOfSam() {
        clio.stubFor(post(urlEqualTo("/api/v4/contacts.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(equalToJson("""
                        {"data":{"type":"Person","name":"Sam Rivera","first_name":"Sam","last_name":"Rivera",
                          "email_addresses":[{"name":"Other","address":"sam@example.com","default_email":true}],
                          "phone_numbers":[{"name":"Other","number":"+12015550142","default_number":true}]}}"""))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":777,\"etag\":\"\\\"c\\\"\"}}")));
        clio.stubFor(get(urlPathEqualTo("/api/v4/practice_areas.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("name", equalTo("Personal Injury"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[{\"id\":9,\"name\":\"Personal Injury\"}],\"meta\":{\"paging\":{}}}")));
        clio.stubFor(post(urlEqualTo("/api/v4/matters.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(equalToJson("""
                        {"data":{"client":{"id":777},"description":"Rear-ended on I-95","status":"Open",
                          "practice_area":{"id":9},"responsible_attorney":{"id":77}}}"""))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":1234,\"etag\":\"\\\"m\\\"\"}}")));
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/1234.json")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.matterResponse(1234, CALLER, "sam@example.com"))));
    }

    HttpResponse<String> webForm(String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/intake/web-form"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> apiPost(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer test-api-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The SMS bodies Twilio was asked to send to {@code to}. */
    List<String> smsTo(String to) {
        return smsRequests().stream().filter(r -> to.equals(r.formParameters().get("To").firstValue()))
                .map(r -> r.formParameters().get("Body").firstValue()).toList();
    }

    List<LoggedRequest> smsRequestsTo(String to) {
        return smsRequests().stream().filter(r -> to.equals(r.formParameters().get("To").firstValue())).toList();
    }

    List<LoggedRequest> calendarInserts() {
        return google.findAll(postRequestedFor(urlPathMatching("/calendar/v3/calendars/[^/]+/events")));
    }

    long leadCount() {
        return count("SELECT COUNT(*) FROM intake_lead");
    }

    long onlyLeadId() {
        return jdbc.queryForObject("SELECT id FROM intake_lead", Map.of(), Long.class);
    }

    long contactsOf(long leadId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM intake_lead_event WHERE lead_id = :id AND kind = 'contact'",
                Map.of("id", leadId), Long.class);
    }
}
