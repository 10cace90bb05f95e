package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.casewire.support.PhoneBrowser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The self-booking page in a real browser: headless Chromium ({@link PhoneBrowser}) opens the link from the
 * acknowledgment, picks a slot, and the Google Calendar stub receives the events.insert; the lead is confirmed by SMS
 * and email and a reminder is scheduled. Every slot of the window is offered, day by day, at 360 and 1280 px, with the
 * zone in words and a visitor's own zone beside it. A tampered link is refused (403) and an expired one too (410).
 */
class BookingPageBrowserTest extends IntakeTestBase {

    static final ZoneId NY = ZoneId.of("America/New_York");
    static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "(/intake/book/\\S+)");
    static PhoneBrowser phone;
    static ChromeDriver browser;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        h2(registry);
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
        clock.setTo(ZonedDateTime.of(2026, 3, 3, 9, 55, 0, 0, NY).toInstant());
    }

    /** A web-form lead, acknowledged; returns the booking link rewritten to this test's server. */
    String leadWithBookingLink() throws Exception {
        webForm("""
                {"name":"Sam Rivera","phone":"+12015550142","email":"sam@example.com","matterType":"car accident",
                 "summary":"Rear-ended on I-95","source":"website"}""");
        await().atMost(Duration.ofSeconds(5)).until(() -> smsTo(CALLER).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !jdbc.queryForList(
                "SELECT attorney_key FROM intake_lead WHERE attorney_key IS NOT NULL", Map.of(), String.class).isEmpty());
        Matcher m = LINK.matcher(smsTo(CALLER).get(0));
        assertThat(m.find()).as("booking link in %s", smsTo(CALLER).get(0)).isTrue();
        return "http://localhost:" + port + m.group(1);
    }

    @Test
    void leadPicksASlotInChromiumAndTheCalendarReceivesTheInsert() throws Exception {
        String link = leadWithBookingLink();
        long id = onlyLeadId();

        browser.get(link);
        List<WebElement> slots = browser.findElements(By.cssSelector("button.slot"));
        assertThat(browser.getTitle()).isEqualTo("Book your consultation");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Alex Counsel");
        assertThat(slots).isNotEmpty();
        Instant firstOffered = Instant.parse(slots.get(0).getAttribute("value"));
        assertThat(firstOffered).as("an hour's notice at least, on the half-hour grid, in business hours")
                .isEqualTo(ZonedDateTime.of(2026, 3, 3, 11, 0, 0, 0, NY).toInstant());
        Instant chosen = ZonedDateTime.of(2026, 3, 4, 11, 0, 0, 0, NY).toInstant();
        browser.findElement(By.partialLinkText("Wed, Mar 4")).click();
        slots = new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector("button.slot"));
            return !shown.isEmpty() && shown.get(0).getAttribute("value").startsWith("2026-03-04") ? shown : null;
        });
        WebElement wednesday = slots.stream().filter(b -> chosen.toString().equals(b.getAttribute("value"))).findFirst()
                .orElseThrow();
        wednesday.click();
        WebElement confirmation = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));
        phone.screenshot("booking-confirmed");

        assertThat(confirmation.getText()).contains("You are booked for Wednesday, March 4 at 11:00 AM");
        assertThat(calendarInserts()).hasSize(1);
        assertThat(calendarInserts().get(0).getUrl()).startsWith("/calendar/v3/calendars/alex%40firm.example/events");
        JsonNode event = new ObjectMapper().readTree(calendarInserts().get(0).getBodyAsString());
        assertThat(ZonedDateTime.parse(event.path("start").path("dateTime").asText()).toInstant()).isEqualTo(chosen);
        assertThat(ZonedDateTime.parse(event.path("end").path("dateTime").asText()).toInstant()).isEqualTo(chosen.plus(Duration.ofMinutes(30)));
        assertThat(event.path("start").path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(event.path("attendees").get(0).path("email").asText()).isEqualTo("sam@example.com");
        assertThat(event.path("summary").asText()).contains("Sam Rivera");

        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(CALLER).size() == 2);
        assertThat(smsTo(CALLER).get(1)).contains("booked for Wednesday, March 4 at 11:00 AM");
        await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(mail.getReceivedMessages()).anyMatch(msg -> {
            try {
                return msg.getSubject().startsWith("Your consultation");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }));
        Map<String, Object> lead = jdbc.queryForMap("SELECT state, calendar_event_id FROM intake_lead WHERE id = :id", Map.of("id", id));
        assertThat(lead.get("STATE")).isEqualTo("booked");
        assertThat(lead.get("CALENDAR_EVENT_ID")).isEqualTo("evt0001");
        assertThat(jdbc.queryForObject("SELECT state FROM scheduled_action WHERE action_key = :k",
                Map.of("k", "intake-escalate:" + id), String.class)).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT due_at FROM scheduled_action WHERE action_key = :k",
                Map.of("k", "intake-remind:" + id), java.sql.Timestamp.class).toInstant())
                .as("hub.intake.reminder-before (24h) ahead").isEqualTo(chosen.minus(Duration.ofHours(24)));

        clock.setTo(chosen.minus(Duration.ofHours(24)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(CALLER).size() == 3);
        assertThat(smsTo(CALLER).get(2)).contains("Reminder").contains("Wednesday, March 4 at 11:00 AM");

        browser.navigate().back();
        browser.get(link);
        assertThat(browser.getTitle()).isEqualTo("Your consultation is booked");
        assertThat(calendarInserts()).as("opening the link again books nothing").hasSize(1);
    }

    /**
     * Every open slot of the window, one day at a time, at a phone's width and a desk's: nothing stops at 60 (five
     * working days from Tuesday 9:55 are 12 + 4 x 16 = 76 half-hour slots, the last one Monday 4:30 PM), and the zone
     * is in words.
     */
    @Test
    void everySlotOfTheWindowIsOfferedDayByDayAtPhoneAndDeskWidth() throws Exception {
        String link = leadWithBookingLink();
        for (int width : new int[] {PhoneBrowser.PHONE, PhoneBrowser.DESK}) {
            phone.open(link, width);
            assertThat(browser.getTitle()).isEqualTo("Book your consultation");
            assertThat(browser.findElement(By.id("zone")).getText()).isEqualTo("Times are Eastern Time.");
            assertThat(phone.text()).doesNotContain("America/New_York");
            phone.assertFitsTheWidth();
            phone.screenshot("booking");
            List<String> days = browser.findElements(By.cssSelector("a.day-link")).stream().map(WebElement::getText).toList();
            assertThat(days).containsExactly("Tue, Mar 3 (12)", "Wed, Mar 4 (16)", "Thu, Mar 5 (16)", "Fri, Mar 6 (16)",
                    "Mon, Mar 9 (16)");
            int offered = 0;
            List<String> last = List.of();
            for (String day : days) {
                browser.findElement(By.linkText(day)).click();
                String date = day.substring(0, day.indexOf(" ("));
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.tagName("h2")).getText()
                        .startsWith(date.substring(0, 3)));
                last = browser.findElements(By.cssSelector("button.slot")).stream().map(WebElement::getText).toList();
                offered += last.size();
                assertThat(last.size()).as(day).isEqualTo(Integer.parseInt(day.replaceAll(".*\\((\\d+)\\)", "$1")));
            }
            assertThat(offered).isEqualTo(76);
            assertThat(last.get(last.size() - 1)).isEqualTo("4:30 PM");
        }
    }

    /** A client whose browser is in another zone sees each time in the firm's zone and, in brackets, in theirs. */
    @Test
    void aClientInAnotherZoneSeesTheirOwnTimesToo() throws Exception {
        String link = leadWithBookingLink();
        phone.open(link + "?tz=America/Chicago", PhoneBrowser.PHONE);
        assertThat(browser.findElement(By.id("zone")).getText()).isEqualTo("Times are Eastern Time; in brackets, your Central Time.");
        WebElement first = browser.findElements(By.cssSelector("button.slot")).get(0);
        assertThat(first.getText()).isEqualTo("11:00 AM (10:00 AM)");
        phone.assertFitsTheWidth();
        phone.screenshot("booking-other-zone");
        first.click();
        WebElement confirmation = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));
        assertThat(confirmation.getText()).contains("Tuesday, March 3 at 11:00 AM EST (Tuesday, March 3 at 10:00 AM CST your time)");
        phone.assertFitsTheWidth();
    }

    @Test
    void busySlotsAreNotOffered() throws Exception {
        stubFreeBusy("{\"start\":\"2026-03-03T16:00:00Z\",\"end\":\"2026-03-03T17:00:00Z\"}");
        String link = leadWithBookingLink();

        browser.get(link);
        List<String> offered = browser.findElements(By.cssSelector("button.slot")).stream()
                .map(b -> b.getAttribute("value")).toList();

        assertThat(offered.get(0)).isEqualTo("2026-03-03T17:00:00Z");
        assertThat(offered)
                .doesNotContain("2026-03-03T16:00:00Z", "2026-03-03T16:30:00Z");
    }

    @Test
    void tamperedAndExpiredLinksAreRefused() throws Exception {
        String link = leadWithBookingLink();
        String tampered = link.replaceFirst("/book/(\\d+)\\.", "/book/99$1.");

        browser.get(tampered);
        assertThat(browser.getTitle()).isEqualTo("This link is not valid");
        assertThat(browser.findElements(By.cssSelector("button.slot"))).isEmpty();
        assertThat(status(tampered)).isEqualTo(403);

        clock.setTo(clock.instant().plus(Duration.ofDays(8)));
        browser.get(link);
        assertThat(browser.getTitle()).isEqualTo("This link has expired");
        assertThat(status(link)).isEqualTo(410);
        assertThat(statusOfPost(link, "start=2026-03-12T15:00:00Z")).isEqualTo(410);
        assertThat(calendarInserts()).isEmpty();
    }

    private static int status(String url) throws Exception {
        return PhoneBrowser.status(url);
    }

    private static int statusOfPost(String url, String form) throws Exception {
        return PhoneBrowser.statusOfPost(url, form);
    }
}
