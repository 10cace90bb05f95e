package com.casewire.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.inbox.SecurityEvents;
import com.casewire.support.PhoneBrowser;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lead page in headless Chromium, opened from the link in the attorney's lead alert (Alex gets alerts by SMS) as
 * the attorney would on a phone: no API token, the caller, the matter type, the conflict pre-check, the history, and
 * convert / decline buttons that work. A tampered link is a 403, an expired one a 410.
 */
class LeadPageBrowserTest extends IntakeTestBase {

    static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "(/staff/lead/\\S+)");
    static final String SUMMARY = "Rear-ended on I-95 near exit 12 while stopped in traffic; the other driver's insurer "
            + "called twice and asked for a recorded statement, which I have not given.";
    static PhoneBrowser phone;
    static ChromeDriver browser;

    @Autowired
    SecurityEvents security;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        h2(registry);
        registry.add("hub.pages.staff-link-secret", () -> "test-staff-link-secret-0123456789");
    }

    @BeforeAll
    static void startBrowser() {
        phone = new PhoneBrowser("America/New_York");
        browser = phone.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (phone != null) {
            phone.close();
        }
    }

    @BeforeEach
    void tuesdayMorning() {
        clock.setTo(ZonedDateTime.of(2026, 3, 3, 9, 55, 0, 0, BookingPageBrowserTest.NY).toInstant());
    }

    /** A web-form lead routed to Alex; returns the lead page link from Alex's alert, rewritten to this server. */
    String leadPageLinkFromTheAlert() throws Exception {
        webForm("""
                {"name":"Sam Rivera","phone":"+12015550142","email":"sam@example.com","matterType":"car accident",
                 "summary":"%s","source":"website"}""".formatted(SUMMARY));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).stream().anyMatch(t -> LINK.matcher(t).find()));
        String alert = smsTo(ALEX_MOBILE).stream().filter(t -> LINK.matcher(t).find()).findFirst().orElseThrow();
        assertThat(alert).doesNotContain("/api/");
        Matcher m = LINK.matcher(alert);
        assertThat(m.find()).isTrue();
        return "http://localhost:" + port + m.group(1);
    }

    @Test
    void theAlertsLinkOpensTheLeadAtPhoneAndDeskWidthAndConvertWorks() throws Exception {
        stubClioConversionOfSam();
        String link = leadPageLinkFromTheAlert();
        long id = onlyLeadId();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT conflict_status FROM intake_lead WHERE id = :id", Map.of("id", id), String.class) != null);

        for (int width : new int[] {PhoneBrowser.PHONE, PhoneBrowser.DESK}) {
            phone.open(link, width);
            assertThat(browser.getTitle()).isEqualTo("Lead: Sam Rivera");
            assertThat(browser.findElement(By.id("caller")).getText()).isEqualTo("Sam Rivera");
            assertThat(browser.findElement(By.id("phone")).getText()).isEqualTo("+12015550142");
            assertThat(browser.findElement(By.id("matter-type")).getText()).isEqualTo("car accident");
            assertThat(browser.findElement(By.id("conflict-status")).getText()).isEqualTo("CLEAR");
            assertThat(browser.findElement(By.id("history")).getText()).contains("routed to Alex Counsel")
                    .contains("Tue, Mar 3, 9:55 AM Eastern Time");
            if (width == PhoneBrowser.PHONE) {
                phone.assertWraps(browser.findElement(By.id("summary")), SUMMARY);
            }
            phone.assertFitsTheWidth();
            phone.screenshot("lead");
        }

        browser.findElement(By.id("matterDescription")).sendKeys("Rear-ended on I-95");
        browser.findElement(By.cssSelector("#convert button")).click();
        WebElement outcome = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
        assertThat(outcome.getText()).isEqualTo("Converted: contact 777 and matter 1234 are in the practice system.");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("converted");
        assertThat(browser.findElements(By.id("convert"))).as("a converted lead has no buttons").isEmpty();
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/matters.json")))).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT state FROM intake_lead WHERE id = :id", Map.of("id", id), String.class))
                .isEqualTo("converted");
    }

    @Test
    void declineKeepsTheReasonAndTamperedOrExpiredLinksAreRefused() throws Exception {
        String link = leadPageLinkFromTheAlert();
        long id = onlyLeadId();

        phone.open(link, PhoneBrowser.PHONE);
        browser.findElement(By.id("reason")).sendKeys("not our practice area");
        browser.findElement(By.cssSelector("#decline button")).click();
        WebElement outcome = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
        assertThat(outcome.getText()).startsWith("Declined.");
        assertThat(browser.findElement(By.id("history")).getText()).contains("not our practice area");
        assertThat(jdbc.queryForObject("SELECT state FROM intake_lead WHERE id = :id", Map.of("id", id), String.class))
                .isEqualTo("declined");
        assertThat(PhoneBrowser.statusOfPost(link + "/decline", "reason=again")).as("declined already").isEqualTo(409);

        String tampered = link.replaceFirst("/lead/lead-(\\d+)\\.", "/lead/lead-9$1.");
        phone.open(tampered, PhoneBrowser.PHONE);
        assertThat(browser.getTitle()).isEqualTo("Invalid link");
        phone.assertFitsTheWidth();
        assertThat(PhoneBrowser.status(tampered)).isEqualTo(403);
        assertThat(PhoneBrowser.statusOfPost(tampered + "/convert", "")).isEqualTo(403);
        assertThat(security.count("staff-link", "invalid_signature")).isGreaterThanOrEqualTo(2);

        clock.setTo(clock.instant().plus(Duration.ofDays(8)));
        phone.open(link, PhoneBrowser.PHONE);
        assertThat(browser.getTitle()).isEqualTo("Link expired");
        phone.screenshot("link-expired");
        assertThat(PhoneBrowser.status(link)).isEqualTo(410);
        assertThat(PhoneBrowser.statusOfPost(link + "/convert", "")).isEqualTo(410);
    }
}
