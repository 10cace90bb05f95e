package com.casewire.timeentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.support.PhoneBrowser;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one-tap time-entry page in headless Chromium at a phone's width and a desk's, opened from the prompt Alex gets
 * by SMS: the matter, client and date, the rounded hours and the event's title; "Record time" records the entry in
 * Clio once; a tampered link is a 403 and an expired one a 410.
 */
class TimeEntryPageBrowserTest extends TimeEntryTestBase {

    static PhoneBrowser phone;
    static ChromeDriver browser;

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:time-entry-page-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
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

    @Test
    void thePromptsLinkRecordsTheTimeFromAPhoneOnce() throws Exception {
        ended("alex@firm.example", "evt-20", "Client meeting about the lease renewal and the landlord's repair notices",
                MORNING.minusSeconds(3000), MORNING.minusSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);
        String url = "http://localhost:" + port + link(smsTo(ALEX_MOBILE).get(0));

        for (int width : new int[] {PhoneBrowser.PHONE, PhoneBrowser.DESK}) {
            phone.open(url, width);
            assertThat(browser.getTitle()).isEqualTo("Record your time");
            assertThat(browser.findElement(By.id("matter")).getText()).isEqualTo("Doe v. Acme Trucking");
            assertThat(browser.findElement(By.id("date")).getText()).isEqualTo("Tue 8 Dec 2026");
            assertThat(browser.findElement(By.id("hours")).getAttribute("value")).as("49.5 min rounded up").isEqualTo("0.9");
            assertThat(browser.findElement(By.id("note")).getAttribute("value"))
                    .isEqualTo("Client meeting about the lease renewal and the landlord's repair notices");
            phone.assertFitsTheWidth();
            phone.screenshot("time-entry");
        }

        phone.width(PhoneBrowser.PHONE);
        WebElement hours = browser.findElement(By.id("hours"));
        hours.clear();
        hours.sendKeys("1.5");
        browser.findElement(By.id("submit")).click();
        WebElement done = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
        assertThat(done.getText()).isEqualTo("Recorded 1.5 h on Doe v. Acme Trucking for Tue 8 Dec 2026.");
        phone.screenshot("time-entry-recorded");
        await().atMost(Duration.ofSeconds(10)).until(() -> entriesCreated().size() == 1);
        assertThat(entriesCreated().get(0).getBodyAsString()).contains("\"quantity\":5400,");

        phone.open(url, PhoneBrowser.PHONE);
        assertThat(browser.getTitle()).isEqualTo("Time recorded");

        String tampered = url.substring(0, url.length() - 2) + (url.endsWith("A") ? "BB" : "AA");
        assertThat(PhoneBrowser.status(tampered)).isEqualTo(403);
        assertThat(PhoneBrowser.statusOfPost(tampered, "hours=1")).isEqualTo(403);
        clock.setTo(MORNING.plus(Duration.ofHours(73)));
        phone.open(url, PhoneBrowser.PHONE);
        assertThat(browser.getTitle()).isEqualTo("Link expired");
        assertThat(PhoneBrowser.status(url)).isEqualTo(410);
        assertThat(entriesCreated()).hasSize(1);
    }
}
