package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The intake scenarios on the embedded H2 database; plus the web form posted by a browser from the firm's own site
 * (CORS), which does not depend on the database.
 */
class IntakeOnH2Test extends IntakeScenarios {

    static final String FIRM_SITE = "https://www.firm.example";
    static final String OTHER_SITE = "https://lead-scraper.example";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        h2(registry);
        registry.add("hub.intake.web-form-origins", () -> FIRM_SITE + ",https://firm.example/");
    }

    @Test
    void aBrowserOnTheFirmsSiteMayPostTheFormAndOneOnAnotherSiteMayNot() throws Exception {
        HttpResponse<String> preflight = preflight(FIRM_SITE);
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).containsExactly(FIRM_SITE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(vary(preflight)).contains("Origin");
        assertThat(preflight(OTHER_SITE).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight(OTHER_SITE).statusCode()).isEqualTo(403);
        assertThat(preflight("https://firm.example").headers().allValues("Access-Control-Allow-Origin"))
                .as("configured with a trailing slash").containsExactly("https://firm.example");

        HttpResponse<String> posted = webFormFrom(FIRM_SITE, """
                {"name":"Dana Reyes","email":"dana@example.com","matterType":"Divorce","summary":"Custody question"}""");
        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(posted.headers().allValues("Access-Control-Allow-Origin")).containsExactly(FIRM_SITE);
        assertThat(vary(posted)).contains("Origin");
        await().atMost(Duration.ofSeconds(10)).until(() -> leadCount() == 1);

        HttpResponse<String> invalid = webFormFrom(FIRM_SITE, "{\"name\":\"\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().allValues("Access-Control-Allow-Origin")).as("the page can show which fields are wrong")
                .containsExactly(FIRM_SITE);

        HttpResponse<String> refused = webFormFrom(OTHER_SITE, """
                {"name":"Sam Other","email":"sam@example.com","matterType":"Divorce"}""");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        Thread.sleep(300);
        awaitInboxSettled();
        assertThat(leadCount()).as("the refused form is not stored").isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT name FROM intake_lead", Map.of(), String.class)).containsExactly("Dana Reyes");
    }

    HttpResponse<String> preflight(String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/intake/web-form"))
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> webFormFrom(String origin, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/intake/web-form"))
                .header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> vary(HttpResponse<String> response) {
        return response.headers().allValues("Vary").stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).toList();
    }
}
