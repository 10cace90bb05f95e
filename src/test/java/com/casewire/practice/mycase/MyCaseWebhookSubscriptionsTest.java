package com.casewire.practice.mycase;

import static com.casewire.practice.mycase.MyCaseFixtures.ACCESS_TOKEN;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestClock;
import com.casewire.support.TestHubProperties;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opt-in subscriptions: the missing model is created at the hub's URL; an account without the API is no error. */
class MyCaseWebhookSubscriptionsTest {

    private final WireMockServer mycase = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        mycase.start();
    }

    @AfterEach
    void stop() {
        mycase.stop();
    }

    private MyCaseWebhookSubscriptions subscriptions(Map<String, String> overrides) {
        TestHubProperties hub = MyCaseFixtures.hub(mycase.baseUrl(), overrides);
        return new MyCaseWebhookSubscriptions(MyCaseFixtures.client(hub, new TestClock(), MyCaseFixtures.database()), hub.hub(),
                hub.mycase());
    }

    @Test
    void createsTheMissingSubscriptionsAtTheHubsUrl() {
        mycase.stubFor(get(urlPathEqualTo("/v1/webhooks/subscriptions")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        [{"id":11,"model":"case","url":"https://hub.example/webhooks/mycase","actions":"created,updated,deleted"}]""")));
        mycase.stubFor(post(urlEqualTo("/v1/webhooks/subscriptions")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withRequestBody(equalToJson("""
                        {"model":"client","url":"https://hub.example/webhooks/mycase","actions":"created,updated,deleted"}"""))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":12}")));

        int created = subscriptions(Map.of("hub.mycase.manage-webhooks", "true", "hub.mycase.webhook-models", "case,client"))
                .ensure();

        assertThat(created).isEqualTo(1);
        assertThat(mycase.findAll(postRequestedFor(urlEqualTo("/v1/webhooks/subscriptions")))).hasSize(1);
    }

    @Test
    void offByDefaultAndQuietWhenTheAccountHasNoSubscriptionApi() {
        assertThat(subscriptions(Map.of()).ensure()).isZero();
        assertThat(mycase.getAllServeEvents()).isEmpty();

        mycase.stubFor(get(urlPathEqualTo("/v1/webhooks/subscriptions")).willReturn(aResponse().withStatus(404).withBody("Not Found")));
        assertThat(subscriptions(Map.of("hub.mycase.manage-webhooks", "true")).ensure()).isZero();
    }
}
