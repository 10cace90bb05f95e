package com.casewire.gcal;

import com.casewire.support.TestHubProperties;
import com.casewire.support.TestVendorRoutes;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.support.TestClock;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Service-account credentials: a generated RSA key in a JSON key, and a token endpoint that, as Google's does,
 * grants a token only for a jwt-bearer assertion whose RS256 signature verifies with the account's public key and
 * whose claims (iss, scope, aud, iat, exp, sub) are right.
 */
class GoogleServiceAccountTest {

    static final String EMAIL = "casewire@firm-project.iam.gserviceaccount.com";
    static final String SCOPE = "https://www.googleapis.com/auth/calendar";

    private final WireMockServer google = new WireMockServer(options().dynamicPort());
    private final TestClock clock = new TestClock();
    private final ObjectMapper json = new ObjectMapper();
    private KeyPair keys;

    @BeforeEach
    void start() throws Exception {
        google.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @AfterEach
    void stop() {
        google.stop();
    }

    String keyJson(String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return json.createObjectNode().put("type", "service_account").put("project_id", "firm-project")
                .put("private_key_id", "kid-1").put("private_key", pem).put("client_email", EMAIL)
                .put("client_id", "1234567890").put("token_uri", tokenUri).toString();
    }

    TestHubProperties hub(String delegatedUser) {
        Map<String, String> p = GcalFixtures.required();
        p.put("hub.google.base-url", google.baseUrl() + "/calendar/v3");
        p.put("hub.google.token-url", google.baseUrl() + "/token");
        p.put("hub.google.calendar-ids[0]", "alice@firm.example");
        p.put("hub.google.credentials", "service-account");
        p.put("hub.google.service-account-key", keyJson(google.baseUrl() + "/token"));
        if (delegatedUser != null) {
            p.put("hub.google.delegated-user", delegatedUser);
        }
        return GcalFixtures.bind(p);
    }

    /** What Google's token endpoint checks, as a WireMock matcher. */
    MatchResult validAssertion(Request request, String expectedSubject) {
        try {
            Map<String, String> form = new HashMap<>();
            for (String pair : request.getBodyAsString().split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
                return MatchResult.noMatch();
            }
            String[] parts = form.get("assertion").split("\\.");
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify((RSAPublicKey) keys.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return MatchResult.noMatch();
            }
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = clock.instant().getEpochSecond();
            boolean ok = "RS256".equals(header.path("alg").asText()) && "kid-1".equals(header.path("kid").asText())
                    && EMAIL.equals(claims.path("iss").asText()) && SCOPE.equals(claims.path("scope").asText())
                    && (google.baseUrl() + "/token").equals(claims.path("aud").asText())
                    && Math.abs(claims.path("iat").asLong() - now) <= 5
                    && claims.path("exp").asLong() - claims.path("iat").asLong() == 3600
                    && (expectedSubject == null ? !claims.has("sub") : expectedSubject.equals(claims.path("sub").asText()));
            return MatchResult.of(ok);
        } catch (Exception e) {
            return MatchResult.noMatch();
        }
    }

    void stubTokenEndpoint(String expectedSubject) {
        google.stubFor(post(urlEqualTo("/token")).atPriority(5).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}")));
        google.stubFor(post(urlEqualTo("/token")).atPriority(1)
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .andMatching(request -> validAssertion(request, expectedSubject))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(GcalFixtures.tokenResponse("sa-access-1", 3599))));
        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy")).withHeader("Authorization", equalTo("Bearer sa-access-1"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"kind\":\"calendar#freeBusy\",\"calendars\":{\"alice@firm.example\":{\"busy\":[]}}}")));
    }

    GoogleCalendarClient client(TestHubProperties hub) {
        VendorHttp http = new VendorHttp(Duration.ofSeconds(5), clock);
        return new GoogleCalendarClient(hub.google(), http, TestVendorRoutes.forGoogle(hub.google().baseUrl()),
                new GoogleTokens(hub.google(), http, json, clock), json, clock);
    }

    @Test
    void aSignedAssertionBuysATokenThatIsReusedUntilItNearlyExpires() {
        stubTokenEndpoint(null);
        GoogleCalendarClient client = client(hub(null));
        Instant from = Instant.parse("2026-03-02T13:00:00Z");

        assertThat(client.freeBusy(from, from.plusSeconds(3600), "UTC", List.of("alice@firm.example"))).containsKey("alice@firm.example");
        client.freeBusy(from, from.plusSeconds(3600), "UTC", List.of("alice@firm.example"));
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(1);

        clock.setTo(Instant.now().plusSeconds(3599 - 30)); // inside the last minute of the token's life
        client.freeBusy(from, from.plusSeconds(3600), "UTC", List.of("alice@firm.example"));
        assertThat(google.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(2);
    }

    @Test
    void domainWideDelegationPutsTheUserInSub() {
        stubTokenEndpoint("alice@firm.example");
        GoogleCalendarClient client = client(hub("alice@firm.example"));
        Instant from = Instant.parse("2026-03-02T13:00:00Z");

        assertThat(client.freeBusy(from, from.plusSeconds(3600), "UTC", List.of("alice@firm.example"))).isNotNull();
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsRefusedWithGooglesMessage() throws Exception {
        stubTokenEndpoint(null);
        TestHubProperties hub = hub(null);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair(); // the endpoint now verifies against a key the hub does not hold

        assertThatThrownBy(() -> client(hub).freeBusy(Instant.parse("2026-03-02T13:00:00Z"),
                Instant.parse("2026-03-02T14:00:00Z"), "UTC", List.of("alice@firm.example")))
                .isInstanceOf(VendorException.class).hasMessageContaining("Invalid JWT Signature");
    }

    @Test
    void aBrokenKeyStopsStartUpNamingTheSetting() {
        Map<String, String> p = GcalFixtures.required();
        p.put("hub.google.calendar-ids[0]", "alice@firm.example");
        p.put("hub.google.credentials", "service-account");
        p.put("hub.google.service-account-key", "{\"client_email\":\"x@y\",\"private_key\":\"not a key\"}");
        TestHubProperties hub = GcalFixtures.bind(p);

        assertThatThrownBy(() -> new GoogleTokens(hub.google(), new VendorHttp(Duration.ofSeconds(1), clock), json, clock))
                .hasMessageContaining("hub.google.service-account-key").hasMessageNotContaining("not a key");
    }
}
