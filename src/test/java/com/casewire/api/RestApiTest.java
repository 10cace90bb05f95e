package com.casewire.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The staff and operator API is Camel REST DSL on platform-http (camel/api.camel.yaml): each verb a route with an id
 * an operator sees in JMX and a test can advise, the OpenAPI document behind the same token, and refusals as JSON.
 */
class RestApiTest extends HubIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    CamelContext camel;

    @Test
    void everyApiPathIsARouteFromPlatformHttp() {
        for (String id : new String[] {"api-status", "api-dead-letters", "api-outbox-replay", "api-timer-replay",
                "api-approval-approve", "api-leads", "api-lead-convert", "api-time-capture", "api-channel-preference-set"}) {
            Route route = camel.getRoute(id);
            assertThat(route).as(id).isNotNull();
            assertThat(route.getEndpoint().getEndpointUri()).as(id).startsWith("rest:").contains("consumerComponentName=platform-http");
        }
    }

    @Test
    void theOpenApiDocumentListsThePathsAndNeedsTheToken() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri("/api/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> doc = api("GET", "/api/openapi.json");
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode openapi = new ObjectMapper().readTree(doc.body());
        assertThat(openapi.path("openapi").asText()).startsWith("3.");
        assertThat(openapi.path("info").path("title").asText()).isEqualTo("CaseWire staff and operator API");
        assertThat(openapi.path("paths").has("/api/outbox/{id}/replay")).isTrue();
        assertThat(openapi.path("paths").path("/api/approvals/{id}/approve").has("post")).isTrue();
        assertThat(openapi.path("paths").path("/api/time-capture").path("get").path("parameters").toString())
                .contains("\"from\"").contains("\"to\"");
    }

    @Test
    void refusalsAreJsonWithTheirStatus() throws Exception {
        HttpResponse<String> badId = api("POST", "/api/outbox/abc/replay");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("\"error\":\"bad_id\"");

        HttpResponse<String> unknown = api("POST", "/api/outbox/987654/replay");
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(unknown.body()).contains("\"error\":\"not_replayable\"");

        HttpResponse<String> array = json("PUT", "/api/channel-preferences", "[1,2]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(array.body()).contains("bad_body");

        assertThat(json("PUT", "/api/channel-preferences", "{\"contactId\": ").statusCode()).isEqualTo(400);
        HttpResponse<String> emptyPost = api("POST", "/api/approvals/987654/approve"); // curl -X POST: no body, no type
        assertThat(emptyPost.statusCode()).isEqualTo(409);
        assertThat(emptyPost.body()).contains("not_pending");
        HttpResponse<String> untyped = HTTP.send(HttpRequest.newBuilder(uri("/api/channel-preferences"))
                .header("Authorization", "Bearer test-api-token")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"contactId\":\"777\",\"channel\":\"fax\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(untyped.statusCode()).as("JSON sent without a Content-Type is still read").isEqualTo(400);
        assertThat(untyped.body()).contains("unknown_channel");
        assertThat(api("GET", "/api/status").body()).contains("\"inboxDepth\"");
    }

    @Test
    void requestHeadersAreNotEchoedInTheAnswer() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/api/status"))
                .header("Authorization", "Bearer test-api-token").header("X-Probe", "echo-me").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Authorization")).as("the token is not sent back").isEmpty();
        assertThat(answer.headers().firstValue("X-Probe")).isEmpty();
    }

    private HttpResponse<String> json(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer test-api-token")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
