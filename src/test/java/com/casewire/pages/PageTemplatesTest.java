package com.casewire.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.links.SignedTokens;
import com.casewire.support.TestClock;
import com.casewire.support.TestHubProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * A firm's copy of a page template in {@code <routes-dir>/templates/pages/} wins over the hub's; without one the
 * hub's renders. Staff links name their kind and expire; zones read in words.
 */
class PageTemplatesTest {

    @TempDir
    Path routes;

    SpringTemplateEngine engine() {
        var hub = TestHubProperties.with(Map.of("hub.routes-dir", routes.toString()));
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(new PagesConfig().routesDirPageTemplates(hub.hub()));
        ClassLoaderTemplateResolver classpath = new ClassLoaderTemplateResolver();
        classpath.setPrefix("templates/");
        classpath.setSuffix(".html");
        classpath.setTemplateMode(TemplateMode.HTML);
        classpath.setOrder(10);
        engine.addTemplateResolver(classpath);
        return engine;
    }

    Context message() {
        Context context = new Context();
        context.setVariable("title", "Link expired");
        context.setVariable("text", "This link has expired.");
        context.setVariable("firmName", "Test Law LLP");
        return context;
    }

    @Test
    void theHubsPageRendersWithItsViewportTagAndStylesheet() {
        String html = engine().process("pages/message", message());
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<link rel=\"stylesheet\" href=\"/pages.css\">").contains("<title>Link expired</title>")
                .contains("Test Law LLP").contains("This link has expired.");
    }

    @Test
    void aFirmsTemplateInTheRoutesDirectoryWins() throws Exception {
        Files.createDirectories(routes.resolve("templates/pages"));
        Files.writeString(routes.resolve("templates/pages/message.html"), """
                <!DOCTYPE html><html xmlns:th="http://www.thymeleaf.org"><head><title th:text="${title}">t</title></head>
                <body><img src="/logo.png" alt="Smith &amp; Jones"><p th:text="${text}">x</p></body></html>""");
        String html = engine().process("pages/message", message());
        assertThat(html).contains("alt=\"Smith &amp; Jones\"").contains("This link has expired.")
                .doesNotContain("/pages.css");
        assertThat(engine().process("pages/fragments", message())).as("other pages still the hub's").contains("/pages.css");
    }

    @Test
    void staffLinksNameTheirKindAndExpire() {
        TestClock clock = new TestClock();
        clock.setTo(Instant.parse("2026-03-03T15:00:00Z"));
        StaffLinks links = new StaffLinks("secret-0123456789", "https://hub.example/", Duration.ofDays(7), clock);
        String url = links.url("lead", 12);
        assertThat(url).startsWith("https://hub.example/staff/lead/lead-12.");
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(links.check("lead", token)).isEqualTo(new StaffLinks.Check(SignedTokens.Verdict.VALID, 12));
        assertThat(links.check("matter", token).verdict()).as("another kind").isEqualTo(SignedTokens.Verdict.TAMPERED);
        assertThat(links.check("lead", token.replace("lead-12.", "lead-13.")).verdict()).isEqualTo(SignedTokens.Verdict.TAMPERED);
        clock.setTo(Instant.parse("2026-03-10T15:00:00Z"));
        assertThat(links.check("lead", token).verdict()).isEqualTo(SignedTokens.Verdict.EXPIRED);
    }

    @Test
    void zonesReadInWords() {
        assertThat(Pages.zoneName(ZoneId.of("America/New_York"))).isEqualTo("Eastern Time");
        assertThat(Pages.zoneName(ZoneId.of("America/Chicago"))).isEqualTo("Central Time");
        assertThat(Pages.zoneName(ZoneId.of("America/Los_Angeles"))).isEqualTo("Pacific Time");
    }
}
