package com.casewire.statusupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.canonical.Notification;
import com.casewire.practice.clio.ClioWebhookSecrets;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.PhoneBrowser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The approval page in headless Chromium at a phone's width and a desk's, opened from the links in the attorney's
 * approval email for a settlement offer (high-stakes: parked): the exact text wraps and shows whole, with its
 * subject, the matter, the client, who was asked and when; approve, edit and reject each work from the page; a
 * tampered link is a 403 and an expired one a 410.
 */
class ApprovalPageBrowserTest extends HubIntegrationTest {

    static final String ATTORNEY = "alex@firm.example";
    static final ZoneId NY = ZoneId.of("America/New_York");
    static PhoneBrowser phone;
    static ChromeDriver browser;

    @Autowired
    ClioWebhookSecrets webhooks;
    @Autowired
    ObjectMapper json;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:approval-page-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("hub.status-updates.approval-secret", () -> "test-approval-secret-0123456789");
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
    void middayAndSubscriptions() {
        Instant noon = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, NY).toInstant();
        clock.setTo(noon);
        webhooks.subscribed(StatusFixtures.DOCUMENT_WEBHOOK, "document", noon.plus(Duration.ofDays(30)));
    }

    /** A settlement offer on matter 1001 is parked; returns the approval email's body. */
    String settlementOfferParked() throws Exception {
        postSigned(StatusFixtures.document(921, 1001, "Offer from Acme insurer.pdf", "Settlement offer"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo(ATTORNEY).isEmpty());
        return GreenMailUtil.getBody(mailTo(ATTORNEY).get(0));
    }

    /** The parked text exactly as the approval table holds it. */
    Notification.Text parkedText() throws Exception {
        String payload = jdbc.queryForObject("SELECT payload FROM approval", Map.of(), String.class);
        return json.readValue(payload, Notification.class).text();
    }

    String local(String emailedLink) {
        URI uri = URI.create(emailedLink);
        return "http://localhost:" + port + uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Test
    void theWholeTextWrapsAtPhoneWidthAndApproveSendsIt() throws Exception {
        String ask = settlementOfferParked();
        Notification.Text text = parkedText();
        String approve = local(StatusUpdateScenarios.link(ask, "approve"));

        for (int width : new int[] {PhoneBrowser.PHONE, PhoneBrowser.DESK}) {
            phone.open(approve, width);
            assertThat(browser.getTitle()).isEqualTo("Approve the update to Jane Doe");
            assertThat(browser.findElement(By.id("matter")).getText()).startsWith("Doe v. Acme Trucking");
            assertThat(browser.findElement(By.id("client")).getText()).isEqualTo("Jane Doe");
            assertThat(browser.findElement(By.id("channel")).getText()).isEqualTo("email");
            assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("Subject: " + text.subject());
            assertThat(browser.findElement(By.id("asked")).getText()).isEqualTo("Tue, Nov 24, 12:00 PM Eastern Time, of " + ATTORNEY);
            if (width == PhoneBrowser.PHONE) {
                phone.assertWraps(browser.findElement(By.id("body")), text.body());
            } else {
                assertThat(browser.findElement(By.id("body")).getText().strip()).isEqualTo(text.body().strip());
            }
            assertThat(browser.findElement(By.id("submit")).isDisplayed()).isTrue();
            phone.assertFitsTheWidth();
            phone.screenshot("approval");
        }

        phone.width(PhoneBrowser.PHONE);
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.titleIs("Approved"));
        phone.screenshot("approval-approved");
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo(CLIENT_EMAIL).isEmpty());
        MimeMessage sent = mailTo(CLIENT_EMAIL).get(0);
        assertThat(sent.getSubject()).isEqualTo(text.subject());
        assertThat(GreenMailUtil.getBody(sent).replace("\r\n", "\n").strip()).isEqualTo(text.body().strip());

        phone.open(approve, PhoneBrowser.PHONE);
        assertThat(browser.getTitle()).isEqualTo("Already decided");
        assertThat(phone.text()).contains("approved by email link (" + ATTORNEY + ") on Tue, Nov 24, 12:00 PM Eastern Time");
        assertThat(PhoneBrowser.statusOfPost(approve, "")).isEqualTo(409);
        assertThat(mailTo(CLIENT_EMAIL)).as("approved once, sent once").hasSize(1);
    }

    @Test
    void editFromThePageSendsTheAttorneysWords() throws Exception {
        String ask = settlementOfferParked();
        phone.open(local(StatusUpdateScenarios.link(ask, "edit")), PhoneBrowser.PHONE);
        assertThat(browser.getTitle()).isEqualTo("Edit the update to Jane Doe");
        phone.assertFitsTheWidth();
        phone.screenshot("approval-edit");
        WebElement box = browser.findElement(By.id("text"));
        assertThat(box.getAttribute("value").strip()).isEqualTo(parkedText().body().strip());
        String edited = "Dear Jane, we received an offer from Acme's insurer. I will call you today to go through it. Alex";
        box.clear();
        box.sendKeys(edited);
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.titleIs("Approved"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo(CLIENT_EMAIL).isEmpty());
        assertThat(GreenMailUtil.getBody(mailTo(CLIENT_EMAIL).get(0)).replace("\r\n", "\n").strip()).isEqualTo(edited);
    }

    @Test
    void rejectFromThePageKeepsTheReasonAndTamperedOrExpiredLinksAreRefused() throws Exception {
        String ask = settlementOfferParked();
        String approve = local(StatusUpdateScenarios.link(ask, "approve"));
        phone.open(approve, PhoneBrowser.PHONE);
        browser.findElement(By.linkText("Reject")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleIs("Reject the update to Jane Doe"));
        phone.screenshot("approval-reject");
        browser.findElement(By.id("reason")).sendKeys("I will tell her in person");
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.titleIs("Rejected"));
        assertThat(jdbc.queryForMap("SELECT state, decided_text FROM approval", Map.of()))
                .containsEntry("STATE", "REJECTED").containsEntry("DECIDED_TEXT", "I will tell her in person");
        assertThat(mailTo(CLIENT_EMAIL)).isEmpty();

        String tampered = approve.replaceFirst("sig=[0-9a-f]", "sig=x");
        phone.open(tampered, PhoneBrowser.PHONE);
        assertThat(browser.getTitle()).isEqualTo("Invalid link");
        phone.screenshot("link-invalid");
        assertThat(PhoneBrowser.status(tampered)).isEqualTo(403);
        assertThat(PhoneBrowser.statusOfPost(tampered, "")).isEqualTo(403);

        clock.setTo(clock.instant().plus(Duration.ofHours(73)));
        assertThat(PhoneBrowser.status(approve)).isEqualTo(410);
        assertThat(PhoneBrowser.statusOfPost(approve, "")).isEqualTo(410);
    }

    List<MimeMessage> mailTo(String address) throws MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }
}
