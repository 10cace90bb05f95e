package com.casewire.practice.clio;

import com.casewire.support.TestVendorRoutes;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.support.TestHubProperties;
import com.casewire.support.ClioFixtures;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A 401 with a refresh token configured: refresh at the token endpoint, then the same call succeeds. */
class ClioOAuthRefreshTest {

    private final WireMockServer clio = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        clio.start();
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/1001.json")).atPriority(5)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("UnauthorizedError", "The access token has expired"))));
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/1001.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer fresh-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.matterResponse(1001, "+12015550100", "jane@example.com"))));
    }

    @AfterEach
    void stop() {
        clio.stop();
    }

    ClioClient client(boolean withRefreshToken) {
        Map<String, String> p = new HashMap<>();
        p.put("hub.clio.base-url", clio.baseUrl() + "/api/v4");
        p.put("hub.clio.access-token", "expired-token");
        p.put("hub.clio.token-url", clio.baseUrl() + "/oauth/token");
        if (withRefreshToken) {
            p.put("hub.clio.refresh-token", "refresh-1");
            p.put("hub.clio.client-id", "client-1");
            p.put("hub.clio.client-secret", "secret-1");
        }
        TestHubProperties hub = TestHubProperties.with(p);
        return new ClioClient(hub.clio(), new VendorHttp(Duration.ofSeconds(5), Clock.systemUTC()),
                TestVendorRoutes.forClio(hub.clio().baseUrl()), new ObjectMapper());
    }

    @Test
    void refreshesOnceThenKeepsTheNewToken() {
        clio.stubFor(post(urlEqualTo("/oauth/token"))
                .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=refresh-1&client_id=client-1&client_secret=secret-1"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"fresh-token\",\"token_type\":\"bearer\",\"expires_in\":2592000}")));
        ClioClient clio = client(true);

        assertThat(clio.getMatter("1001", ClioMatterMapper.MATTER_FIELDS)).isPresent();
        assertThat(clio.getMatter("1001", ClioMatterMapper.MATTER_FIELDS)).isPresent();

        assertThat(this.clio.findAll(postRequestedFor(urlEqualTo("/oauth/token")))).hasSize(1);
        assertThat(this.clio.findAll(getRequestedFor(urlPathEqualTo("/api/v4/matters/1001.json")))).hasSize(3);
    }

    @Test
    void withoutARefreshTokenThe401IsSurfacedWithClioMessage() {
        assertThatThrownBy(() -> client(false).getMatter("1001", ClioMatterMapper.MATTER_FIELDS))
                .isInstanceOf(VendorException.class).hasMessageContaining("401")
                .hasMessageContaining("The access token has expired");
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/oauth/token")))).isEmpty();
    }

    @Test
    void refusedRefreshIsSurfacedWithTheOAuthError() {
        clio.stubFor(post(urlEqualTo("/oauth/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token was revoked\"}")));

        assertThatThrownBy(() -> client(true).getMatter("1001", ClioMatterMapper.MATTER_FIELDS))
                .isInstanceOf(VendorException.class).hasMessageContaining("refresh token was revoked");
    }
}
