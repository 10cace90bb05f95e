package com.casewire.practice.mycase;

import static com.casewire.practice.mycase.MyCaseFixtures.ACCESS_TOKEN;
import static com.casewire.practice.mycase.MyCaseFixtures.TOKEN_FORM;
import static com.casewire.practice.mycase.MyCaseFixtures.array;
import static com.casewire.practice.mycase.MyCaseFixtures.kase;
import static com.casewire.practice.mycase.MyCaseFixtures.tokenResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.support.TestClock;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MyCase client against a stub that checks the Bearer token, the token endpoint's form and the paging. */
class MyCaseClientTest {

    private final WireMockServer mycase = new WireMockServer(options().dynamicPort());
    private final TestClock clock = new TestClock();
    private DataSource db;
    private TestHubProperties hub;

    @BeforeEach
    void start() {
        mycase.start();
        db = MyCaseFixtures.database();
        hub = MyCaseFixtures.hub(mycase.baseUrl(), Map.of("hub.mycase.page-size", "2"));
        // anything without the expected token: 401 (MyCase's error body is unconfirmed: plain text here)
        mycase.stubFor(get(urlPathMatching("/v1/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        mycase.stubFor(post(urlPathMatching("/v1/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
    }

    @AfterEach
    void stop() {
        mycase.stop();
    }

    private MappingBuilder authorizedGet(String path, String token) {
        return get(urlPathEqualTo("/v1" + path)).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("Accept", equalTo("application/json"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private void stubTokenEndpoint(String spend, String access, String rotated) {
        mycase.stubFor(post(urlEqualTo("/tokens"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo(TOKEN_FORM + spend))
                .willReturn(json(tokenResponse(access, rotated, 86_400))));
    }

    @Test
    void followsLinkHeaderCursorsOverThreePagesWithTheBearerToken() {
        String next2 = mycase.baseUrl() + "/v1/cases?page_size=2&page_token=cursor-2";
        String next3 = mycase.baseUrl() + "/v1/cases?page_size=2&page_token=cursor-3";
        mycase.stubFor(authorizedGet("/cases", ACCESS_TOKEN).withQueryParam("page_size", equalTo("2"))
                .withQueryParam("page_token", absent())
                .willReturn(json(array(kase(1, "A", "open", null, "2026-03-01T10:00:00Z"),
                        kase(2, "B", "open", null, "2026-03-01T10:00:00Z")))
                        .withHeader("Link", "<" + next2 + ">; rel=\"next\"")));
        mycase.stubFor(authorizedGet("/cases", ACCESS_TOKEN).withQueryParam("page_token", equalTo("cursor-2"))
                .willReturn(json(array(kase(3, "C", "open", null, "2026-03-01T10:00:00Z"),
                        kase(4, "D", "open", null, "2026-03-01T10:00:00Z")))
                        .withHeader("Link", "<" + next3 + ">; rel=\"next\"")));
        mycase.stubFor(authorizedGet("/cases", ACCESS_TOKEN).withQueryParam("page_token", equalTo("cursor-3"))
                .willReturn(json(array(kase(5, "E", "closed", null, "2026-03-01T10:00:00Z")))));

        List<JsonNode> cases = MyCaseFixtures.client(hub, clock, db).listCases();

        assertThat(cases).extracting(c -> c.path("id").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(mycase.findAll(getRequestedFor(urlPathEqualTo("/v1/cases")))).hasSize(3);
    }

    @Test
    void updatedAfterFilterCarriesTheMarkInUtcSeconds() {
        mycase.stubFor(authorizedGet("/tasks", ACCESS_TOKEN)
                .withQueryParam("filter[updated_after]", equalTo("2026-03-10T11:58:00Z"))
                .willReturn(json("[]")));

        assertThat(MyCaseFixtures.client(hub, clock, db)
                .listChangedSince("tasks", Instant.parse("2026-03-10T11:58:00.750Z"))).isEmpty();
        assertThat(mycase.findAll(getRequestedFor(urlPathEqualTo("/v1/tasks")))).hasSize(1);
    }

    @Test
    void aFullPageWithoutCursorIsFollowedByPageNumber() {
        mycase.stubFor(authorizedGet("/staff", ACCESS_TOKEN).withQueryParam("page", absent())
                .willReturn(json("[{\"id\":1},{\"id\":2}]")));
        mycase.stubFor(authorizedGet("/staff", ACCESS_TOKEN).withQueryParam("page", equalTo("2"))
                .willReturn(json("[{\"id\":3}]")));

        assertThat(MyCaseFixtures.client(hub, clock, db).listStaff()).extracting(s -> s.path("id").asInt())
                .containsExactly(1, 2, 3);
    }

    @Test
    void anEndpointThatRepeatsItsFirstPageIsAnErrorNotAShortList() {
        mycase.stubFor(authorizedGet("/staff", ACCESS_TOKEN).willReturn(json("[{\"id\":1},{\"id\":2}]")));

        assertThatThrownBy(() -> MyCaseFixtures.client(hub, clock, db).listStaff())
                .isInstanceOf(VendorException.class).hasMessageContaining("paging is not understood");
    }

    @Test
    void aListInAnUnknownShapeIsAnErrorNotAnEmptyList() {
        mycase.stubFor(authorizedGet("/invoices", ACCESS_TOKEN).willReturn(json("{\"total\":3}")));

        assertThatThrownBy(() -> MyCaseFixtures.client(hub, clock, db).listInvoices(Map.of()))
                .isInstanceOf(VendorException.class).hasMessageContaining("unknown shape");
    }

    @Test
    void aNextLinkToAnotherHostIsRefusedSoTheTokenStaysHome() {
        mycase.stubFor(authorizedGet("/cases", ACCESS_TOKEN).willReturn(json(array(kase(1, "A", "open", null,
                "2026-03-01T10:00:00Z"))).withHeader("Link", "<https://elsewhere.example/v1/cases?page_token=x>; rel=\"next\"")));

        assertThatThrownBy(() -> MyCaseFixtures.client(hub, clock, db).listCases())
                .isInstanceOf(VendorException.class).hasMessageContaining("another host");
    }

    @Test
    void a401RefreshesWithTheTokenFormStoresTheRotatedTokenAndRetries() {
        stubTokenEndpoint(MyCaseFixtures.REFRESH_TOKEN, "fresh-access", "refresh-2");
        mycase.stubFor(authorizedGet("/cases/2001", "fresh-access")
                .willReturn(json(kase(2001, "Doe divorce", "open", "Discovery", "2026-03-01T10:00:00Z"))));

        MyCaseClient client = MyCaseFixtures.client(hub, clock, db);
        assertThat(client.getCase("2001")).get().extracting(c -> c.path("name").asText()).isEqualTo("Doe divorce");
        assertThat(client.getCase("2001")).isPresent();

        assertThat(mycase.findAll(postRequestedFor(urlEqualTo("/tokens")))).hasSize(1);
        List<LoggedRequest> gets = mycase.findAll(getRequestedFor(urlPathEqualTo("/v1/cases/2001")));
        assertThat(gets).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer " + ACCESS_TOKEN, "Bearer fresh-access", "Bearer fresh-access");

        // a restart continues with the rotated refresh token, not the configured one MyCase has retired
        MyCaseTokens afterRestart = MyCaseFixtures.tokens(hub, clock, db);
        assertThat(afterRestart.currentRefreshToken()).isEqualTo("refresh-2");
        assertThat(afterRestart.accessToken()).isEqualTo("fresh-access");
    }

    @Test
    void theAccessTokenIsRefreshedBeforeItExpiresWithoutWaitingForA401() {
        stubTokenEndpoint(MyCaseFixtures.REFRESH_TOKEN, "access-2", "refresh-2");
        stubTokenEndpoint("refresh-2", "access-3", "refresh-3");
        mycase.stubFor(authorizedGet("/cases/2001", "access-2").willReturn(json(kase(2001, "A", "open", null, "2026-03-01T10:00:00Z"))));
        mycase.stubFor(authorizedGet("/cases/2001", "access-3").willReturn(json(kase(2001, "A", "open", null, "2026-03-01T10:00:00Z"))));
        MyCaseClient client = MyCaseFixtures.client(hub, clock, db);
        client.getCase("2001"); // 401 on the configured token, refresh to access-2 (24 h)
        int unauthorizedBefore = unauthorizedCount();

        clock.setTo(clock.instant().plus(Duration.ofHours(23)).plus(Duration.ofMinutes(56)));
        client.getCase("2001");

        assertThat(mycase.findAll(postRequestedFor(urlEqualTo("/tokens")))).extracting(LoggedRequest::getBodyAsString)
                .containsExactly(TOKEN_FORM + MyCaseFixtures.REFRESH_TOKEN, TOKEN_FORM + "refresh-2");
        assertThat(unauthorizedCount()).isEqualTo(unauthorizedBefore);
    }

    @Test
    void aNewlyConfiguredRefreshTokenReplacesTheStoredOne() {
        stubTokenEndpoint(MyCaseFixtures.REFRESH_TOKEN, "access-2", "refresh-2");
        mycase.stubFor(authorizedGet("/cases/2001", "access-2").willReturn(json(kase(2001, "A", "open", null, "2026-03-01T10:00:00Z"))));
        MyCaseFixtures.client(hub, clock, db).getCase("2001");

        TestHubProperties reauthorised = MyCaseFixtures.hub(mycase.baseUrl(), Map.of("hub.mycase.refresh-token", "re-authorised",
                "hub.mycase.access-token", "new-access"));
        assertThat(MyCaseFixtures.tokens(reauthorised, clock, db).currentRefreshToken()).isEqualTo("re-authorised");
    }

    @Test
    void withoutARefreshTokenThe401IsSurfaced() {
        TestHubProperties noRefresh = MyCaseFixtures.hub(mycase.baseUrl(), Map.of("hub.mycase.refresh-token", "",
                "hub.mycase.client-id", "", "hub.mycase.client-secret", ""));

        assertThatThrownBy(() -> MyCaseFixtures.client(noRefresh, clock, db).getCase("2001"))
                .isInstanceOf(VendorException.class).hasMessageContaining("401").hasMessageContaining("Unauthorized");
        assertThat(mycase.findAll(postRequestedFor(urlEqualTo("/tokens")))).isEmpty();
    }

    @Test
    void aRefusedRefreshIsSurfacedWithTheOAuthError() {
        mycase.stubFor(post(urlEqualTo("/tokens")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"refresh token expired\"}")));

        assertThatThrownBy(() -> MyCaseFixtures.client(hub, clock, db).getCase("2001"))
                .isInstanceOf(VendorException.class).hasMessageContaining("refresh token expired");
    }

    @Test
    void a429IsResentAfterItsRetryAfter() {
        mycase.stubFor(authorizedGet("/cases/2001", ACCESS_TOKEN).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("Too Many Requests"))
                .willSetStateTo("allowed"));
        mycase.stubFor(authorizedGet("/cases/2001", ACCESS_TOKEN).inScenario("limit").whenScenarioStateIs("allowed")
                .willReturn(json(kase(2001, "A", "open", null, "2026-03-01T10:00:00Z"))));
        MyCaseClient client = MyCaseFixtures.client(hub, clock, db);

        assertThat(client.getCase("2001")).isPresent();

        assertThat(mycase.findAll(getRequestedFor(urlPathEqualTo("/v1/cases/2001")))).hasSize(2);
        assertThat(client.pacer().totalWaitMillis()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void serverErrorsAreTransientAndClientErrorsPermanentWithMyCasesMessage() {
        mycase.stubFor(authorizedGet("/cases/1", ACCESS_TOKEN).willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        mycase.stubFor(post(urlEqualTo("/v1/cases/1/notes")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[\"Note can't be blank\"]}")));
        mycase.stubFor(authorizedGet("/cases/404", ACCESS_TOKEN).willReturn(aResponse().withStatus(404).withBody("Not Found")));
        MyCaseClient client = MyCaseFixtures.client(hub, clock, db);

        assertThatThrownBy(() -> client.getCase("1")).isInstanceOfSatisfying(VendorException.class,
                e -> assertThat(e.isTransient()).isTrue());
        assertThatThrownBy(() -> client.createCaseNote("1", "s", "", "2026-03-10")).isInstanceOfSatisfying(
                VendorException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("422").contains("Note can't be blank");
                });
        assertThat(client.getCase("404")).isEmpty();
    }

    private int unauthorizedCount() {
        return (int) mycase.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 401).count();
    }
}
