package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The self-booking page in a real browser: headless Chromium (Debian's chromium and chromium-driver, installed by
 * scripts/install-test-browser.sh, which .ci/run calls) opens the link from the acknowledgment, picks a slot, and the
 * Google Calendar stub receives the events.insert; the lead is confirmed by SMS and email and a reminder is
 * scheduled. A tampered link is refused (403) and an expired one too (410).
 */
class BookingPageBrowserTest extends IntakeTestBase {

    static final ZoneId NY = ZoneId.of("America/New_York");
    static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE) + "(/intake/book/\\S+)");
    static ChromeDriver browser;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        h2(registry);
    }

    @BeforeAll
    static void startBrowser() {
        String chromium = which("chromium");
        String driver = which("chromedriver");
        if (chromium == null || driver == null) {
            fail("headless Chromium is needed for this test: run scripts/install-test-browser.sh (Debian's chromium and chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1000,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String which(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, command);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
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
        Files.write(Path.of("target", "booking-page.png"), browser.getScreenshotAs(OutputType.BYTES));
        Instant firstOffered = Instant.parse(slots.get(0).getAttribute("value"));
        assertThat(firstOffered).as("an hour's notice at least, on the half-hour grid, in business hours")
                .isEqualTo(ZonedDateTime.of(2026, 3, 3, 11, 0, 0, 0, NY).toInstant());
        Instant chosen = ZonedDateTime.of(2026, 3, 4, 11, 0, 0, 0, NY).toInstant();
        WebElement wednesday = slots.stream().filter(b -> chosen.toString().equals(b.getAttribute("value"))).findFirst()
                .orElseThrow();
        wednesday.click();
        WebElement confirmation = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));
        Files.write(Path.of("target", "booking-confirmed.png"), browser.getScreenshotAs(OutputType.BYTES));

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
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int statusOfPost(String url, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
