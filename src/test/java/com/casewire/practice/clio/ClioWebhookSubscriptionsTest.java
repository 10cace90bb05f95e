package com.casewire.practice.clio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub keeps its Clio webhooks: lists them (following meta.paging.next), creates the missing ones and
 * renews those near expiry; a created webhook's handshake then activates it.
 */
class ClioWebhookSubscriptionsTest extends HubIntegrationTest {

    static final String HOOK_URL = "https://hub.test.example/webhooks/clio";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:subs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("hub.clio.manage-webhooks", () -> "true");
        registry.add("hub.clio.webhook-models", () -> "matter,task");
    }

    @Autowired
    ClioWebhookSubscriptions subscriptions;
    @Autowired
    ClioWebhookSecrets secrets;
    @Autowired
    ClioClient clioClient;

    void stubList(String page1, String page2) {
        String next = clio.baseUrl() + "/api/v4/webhooks.json?page_token=p2&fields=id&limit=200&order=id(asc)";
        clio.stubFor(get(urlPathEqualTo("/api/v4/webhooks.json")).atPriority(2)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[" + page1 + "],\"meta\":{\"paging\":{\"next\":\"" + next + "\"}}}")));
        clio.stubFor(get(urlPathEqualTo("/api/v4/webhooks.json")).atPriority(1)
                .withQueryParam("page_token", equalTo("p2"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[" + page2 + "],\"meta\":{\"paging\":{}}}")));
    }

    static String webhook(long id, String url, String model, String status, Instant expires) {
        return """
                {"id":%d,"etag":"\\"w%d\\"","url":"%s","model":"%s","status":"%s","events":["updated"],"expires_at":"%s"}"""
                .formatted(id, id, url, model, status, expires.toString());
    }

    @Test
    void createsMissingRenewsExpiringAndLeavesHealthyOnes() {
        Instant now = clock.instant();
        stubList(webhook(10, "https://elsewhere.example/hook", "task", "enabled", now.plus(Duration.ofDays(20))),
                webhook(11, HOOK_URL, "matter", "enabled", now.plus(Duration.ofDays(3))));
        clio.stubFor(post(urlEqualTo("/api/v4/webhooks.json"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.url", equalTo(HOOK_URL)))
                .withRequestBody(matchingJsonPath("$.data.model"))
                .withRequestBody(matchingJsonPath("$.data.fields"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":12,\"model\":\"task\",\"status\":\"pending\"}}")));
        clio.stubFor(patch(urlEqualTo("/api/v4/webhooks/11.json"))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":11,\"model\":\"matter\",\"status\":\"enabled\"}}")));

        assertThat(subscriptions.ensure()).isEqualTo(2);

        List<LoggedRequest> created = clio.findAll(postRequestedFor(urlEqualTo("/api/v4/webhooks.json")));
        assertThat(created).hasSize(1);
        String body = created.get(0).getBodyAsString();
        assertThat(body).contains("\"model\":\"task\"").contains("\"events\":[\"created\",\"updated\",\"deleted\"]")
                .contains("matter{id}");
        Instant expiry = OffsetDateTime.parse(com.jayway.jsonpath.JsonPath.read(body, "$.data.expires_at")).toInstant();
        assertThat(expiry).isBetween(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(31)).plusSeconds(60));
        List<LoggedRequest> renewed = clio.findAll(patchRequestedFor(urlEqualTo("/api/v4/webhooks/11.json")));
        assertThat(renewed).singleElement().satisfies(r -> assertThat(r.getBodyAsString()).contains("expires_at"));
        assertThat(secrets.modelOf(12)).isEqualTo("task");
        assertThat(secrets.modelOf(11)).isEqualTo("matter");
    }

    @Test
    void nothingToDoWhenEveryModelHasAHealthyWebhook() {
        Instant later = clock.instant().plus(Duration.ofDays(25));
        stubList(webhook(21, HOOK_URL, "matter", "enabled", later), webhook(22, HOOK_URL, "task", "enabled", later));

        assertThat(subscriptions.ensure()).isZero();
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/webhooks.json")))).isEmpty();
    }

    @Test
    void createdWebhookIsActivatedByItsHandshake() throws Exception {
        stubList("", "");
        clio.stubFor(post(urlEqualTo("/api/v4/webhooks.json")).withRequestBody(matchingJsonPath("$.data.model", equalTo("matter")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":31,\"model\":\"matter\",\"status\":\"pending\"}}")));
        clio.stubFor(post(urlEqualTo("/api/v4/webhooks.json")).withRequestBody(matchingJsonPath("$.data.model", equalTo("task")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":32,\"model\":\"task\",\"status\":\"pending\"}}")));
        subscriptions.ensure();

        HttpResponse<String> handshake = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks/clio")).header("X-Hook-Secret", "s-31")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"webhook_id\":31}}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(secrets.candidates()).contains("s-31");
        assertThat(secrets.modelOf(31)).isEqualTo("matter");
    }

    @Test
    void permanentClioErrorIsSurfacedWithClioMessage() {
        stubList("", "");
        clio.stubFor(post(urlEqualTo("/api/v4/webhooks.json")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(ClioFixtures.clioError("ForbiddenError", "The token lacks the webhooks scope"))));

        assertThatThrownBy(() -> subscriptions.ensure()).isInstanceOf(ClioWebhookSubscriptions.Incomplete.class)
                .hasMessageContaining("2 of 2 models")
                .hasMessageContaining("403").hasMessageContaining("The token lacks the webhooks scope")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2).allSatisfy(cause ->
                        assertThat(cause).isInstanceOfSatisfying(VendorException.class, v -> {
                            assertThat(v.httpStatus()).isEqualTo(403);
                            assertThat(v.isTransient()).isFalse();
                        })));
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/webhooks.json")))).as("each model was tried")
                .hasSize(2);
    }

    /**
     * The default model list (matter, task, document, calendar_entry, activity) on a token without the Documents
     * scope: Clio refuses the document webhook with 403, and the calendar and activity webhooks after it are still
     * created. Built over the context's Clio client with its own settings, so this class's two-model list stays.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aModelClioRefusesDoesNotStopTheOthers(CapturedOutput output) {
        TestHubProperties hub = TestHubProperties.with(Map.of(
                "hub.public-base-url", "https://hub.test.example", "hub.clio.manage-webhooks", "true"));
        ClioWebhookSubscriptions allModels = new ClioWebhookSubscriptions(clioClient, secrets, hub.hub(), hub.clio(), clock);
        stubList("", "");
        Map<String, Long> ids = Map.of("matter", 41L, "task", 42L, "calendar_entry", 44L, "activity", 45L);
        ids.forEach((model, id) -> clio.stubFor(post(urlEqualTo("/api/v4/webhooks.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.model", equalTo(model)))
                .withRequestBody(matchingJsonPath("$.data.url", equalTo(HOOK_URL)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":" + id + ",\"model\":\"" + model + "\",\"status\":\"pending\"}}"))));
        clio.stubFor(post(urlEqualTo("/api/v4/webhooks.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.model", equalTo("document")))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("ForbiddenError", "Forbidden: the Documents scope is required"))));

        assertThatThrownBy(allModels::ensure).isInstanceOfSatisfying(ClioWebhookSubscriptions.Incomplete.class, e -> {
            assertThat(e.failures()).containsOnlyKeys("document");
            assertThat(e.failures().get("document")).contains("403").contains("the Documents scope is required");
            assertThat(e).hasMessageContaining("1 of 5 models").hasMessageContaining("4 created or renewed");
        });

        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/webhooks.json"))))
                .extracting(r -> com.jayway.jsonpath.JsonPath.<String>read(r.getBodyAsString(), "$.data.model"))
                .containsExactly("matter", "task", "document", "calendar_entry", "activity");
        ids.forEach((model, id) -> assertThat(secrets.modelOf(id)).as(model).isEqualTo(model));
        assertThat(output.getOut()).containsPattern(
                "WARN .*Clio webhook for document not created or renewed: clio HTTP 403 code ForbiddenError: "
                        + "Forbidden: the Documents scope is required");
    }
}
