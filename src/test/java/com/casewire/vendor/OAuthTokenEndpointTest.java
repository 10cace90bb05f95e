package com.casewire.vendor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 6749 token responses (§5.1) and errors (§5.2), as Clio, Google and MyCase answer them. */
class OAuthTokenEndpointTest {

    @Test
    void aTokenResponseGivesAccessRefreshAndExpiry() {
        OAuthTokenEndpoint.Token token = OAuthTokenEndpoint.parse("v", """
                {"access_token":"a1","token_type":"bearer","expires_in":3600,"refresh_token":"r2"}""");

        assertThat(token).isEqualTo(new OAuthTokenEndpoint.Token("a1", "r2", 3600));
    }

    @Test
    void refreshTokenAndExpiryAreOptional() {
        assertThat(OAuthTokenEndpoint.parse("v", "{\"access_token\":\"a1\",\"refresh_token\":\"\"}"))
                .isEqualTo(new OAuthTokenEndpoint.Token("a1", null, 0));
    }

    @Test
    void anAnswerWithoutAnAccessTokenOrNotJsonIsAPermanentFailure() {
        assertThatThrownBy(() -> OAuthTokenEndpoint.parse("v", "{\"token_type\":\"bearer\"}"))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("token response has no access_token");
                });
        assertThatThrownBy(() -> OAuthTokenEndpoint.parse("v", "<html>login</html>"))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("token response is not JSON");
                });
    }

    @Test
    void anErrorBodyGivesItsCodeAndDescription() {
        assertThat(OAuthTokenEndpoint.errorDetail("""
                {"error":"invalid_grant","error_description":"Token has been expired or revoked."}"""))
                .isEqualTo(new VendorHttp.ErrorDetail("invalid_grant", "Token has been expired or revoked."));
        assertThat(OAuthTokenEndpoint.errorDetail("{\"error\":\"invalid_client\"}"))
                .isEqualTo(new VendorHttp.ErrorDetail("invalid_client", "invalid_client"));
        assertThat(OAuthTokenEndpoint.errorDetail("{\"message\":\"other\"}")).isNull();
        assertThat(OAuthTokenEndpoint.errorDetail("Bad Gateway")).isNull();
        assertThat(OAuthTokenEndpoint.errorDetail(null)).isNull();
    }

    @Test
    void theFormIsEncodedInTheOrderGiven() {
        assertThat(OAuthTokenEndpoint.form("grant_type", "refresh_token", "refresh_token", "a b/c+=", "client_id", null))
                .isEqualTo("grant_type=refresh_token&refresh_token=a+b%2Fc%2B%3D&client_id=");
        assertThatThrownBy(() -> OAuthTokenEndpoint.form("odd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestPostsTheFormAndARefusalIsClassifiedWithTheOAuthError() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        try {
            server.stubFor(post(urlEqualTo("/token"))
                    .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                    .withHeader("Accept", equalTo("application/json"))
                    .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=good"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"access_token\":\"fresh\",\"expires_in\":60}")));
            server.stubFor(post(urlEqualTo("/token")).withRequestBody(equalTo("grant_type=refresh_token&refresh_token=spent"))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"refresh token revoked\"}")));
            server.stubFor(post(urlEqualTo("/token")).withRequestBody(equalTo("grant_type=refresh_token&refresh_token=busy"))
                    .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
            VendorHttp http = new VendorHttp(Duration.ofSeconds(5), Clock.systemUTC());
            RatePacer pacer = new RatePacer("v", 100);
            String url = server.baseUrl() + "/token";

            assertThat(OAuthTokenEndpoint.request(http, "v", pacer, url,
                    OAuthTokenEndpoint.form("grant_type", "refresh_token", "refresh_token", "good")).accessToken())
                    .isEqualTo("fresh");
            assertThatThrownBy(() -> OAuthTokenEndpoint.request(http, "v", pacer, url, "grant_type=refresh_token&refresh_token=spent"))
                    .isInstanceOfSatisfying(VendorException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.vendorCode()).isEqualTo("invalid_grant");
                        assertThat(e.getMessage()).contains("refresh token revoked");
                    });
            assertThatThrownBy(() -> OAuthTokenEndpoint.request(http, "v", pacer, url, "grant_type=refresh_token&refresh_token=busy"))
                    .isInstanceOfSatisfying(VendorException.class, e -> {
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.getMessage()).contains("Service Unavailable");
                    });
        } finally {
            server.stop();
        }
    }
}
