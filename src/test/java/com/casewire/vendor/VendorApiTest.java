package com.casewire.vendor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one way every vendor client reads: a refresh on 401, a short 429 waited out, a long one handed back, paging. */
class VendorApiTest {

    private final WireMockServer vendor = new WireMockServer(options().dynamicPort());
    private final AtomicInteger refreshes = new AtomicInteger();
    private VendorApi api;

    @BeforeEach
    void start() {
        vendor.start();
        VendorHttp http = new VendorHttp(Duration.ofSeconds(5), Clock.systemUTC());
        api = new VendorApi("test", http, new RatePacer("test", 1000), new VendorApi.Credentials() {
            private volatile String token = "old";

            @Override
            public String current() {
                return token;
            }

            @Override
            public String afterRejection(String rejected) {
                refreshes.incrementAndGet();
                token = "new";
                return token;
            }
        }, body -> new VendorHttp.ErrorDetail(null, body), new ObjectMapper());
    }

    @AfterEach
    void stop() {
        vendor.stop();
    }

    private java.util.function.Function<String, java.net.http.HttpRequest> getting(String path) {
        return token -> java.net.http.HttpRequest.newBuilder(URI.create(vendor.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    @Test
    void a401GetsAFreshTokenOnceAndTheReadGoesAgain() {
        vendor.stubFor(get("/r").withHeader("Authorization", equalTo("Bearer old")).willReturn(aResponse().withStatus(401)));
        vendor.stubFor(get("/r").withHeader("Authorization", equalTo("Bearer new")).willReturn(aResponse().withBody("{\"ok\":1}")));
        assertThat(api.get(getting("/r")).path("ok").asInt()).isEqualTo(1);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void aShort429IsWaitedOutAndALongOneGoesBackToTheCaller() {
        vendor.stubFor(get("/short").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        vendor.stubFor(get("/short").inScenario("s").whenScenarioStateIs("open").willReturn(aResponse().withBody("{}")));
        long started = System.nanoTime();
        api.get(getting("/short"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        vendor.verify(2, getRequestedFor(urlPathEqualTo("/short")));

        vendor.stubFor(get("/long").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        assertThatThrownBy(() -> api.get(getting("/long"))).isInstanceOfSatisfying(VendorException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        });
        vendor.verify(1, getRequestedFor(urlPathEqualTo("/long")));
    }

    @Test
    void a404IsNoRecordAndABodyThatIsNotJsonIsPermanent() {
        vendor.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));
        vendor.stubFor(get("/html").willReturn(aResponse().withBody("<html>maintenance</html>")));
        assertThat(api.find(getting("/gone"))).isEmpty();
        assertThatThrownBy(() -> api.get(getting("/html"))).isInstanceOfSatisfying(VendorException.class,
                e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void pagesAreFollowedToTheEndAndAListThatDoesNotEndIsRefused() {
        vendor.stubFor(get("/list?p=1").willReturn(aResponse().withBody("{\"data\":[1,2],\"next\":\"/list?p=2\"}")));
        vendor.stubFor(get("/list?p=2").willReturn(aResponse().withBody("{\"data\":[3]}")));
        vendor.stubFor(get("/loop").willReturn(aResponse().withBody("{\"data\":[1],\"next\":\"/loop\"}")));
        java.util.function.BiFunction<java.net.http.HttpResponse<String>, JsonNode, VendorApi.Page> page = (response, body) -> {
            List<JsonNode> records = new ArrayList<>();
            body.path("data").forEach(records::add);
            String next = body.path("next").asText(null);
            return new VendorApi.Page(records, Optional.ofNullable(next).map(n -> URI.create(vendor.baseUrl() + n)));
        };
        List<JsonNode> all = api.pages(URI.create(vendor.baseUrl() + "/list?p=1"),
                uri -> token -> java.net.http.HttpRequest.newBuilder(uri).GET().build(), page, 10, "GET /list");
        assertThat(all).extracting(JsonNode::asInt).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> api.pages(URI.create(vendor.baseUrl() + "/loop"),
                uri -> token -> java.net.http.HttpRequest.newBuilder(uri).GET().build(), page, 5, "GET /loop"))
                .hasMessageContaining("did not end after 5 pages");
    }
}
