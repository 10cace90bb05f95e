package com.casewire.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the page tests (Debian's chromium and chromium-driver, installed by
 * scripts/install-test-browser.sh, which .ci/run calls), at a phone's width (360 px) or a desk's (1280 px). The
 * browser runs in the firm's zone so a page's times read as the firm's staff see them. Screenshots of the pages go to
 * {@code docs/screenshots/} on every run, so the ones in the docs are what the code renders today.
 */
public final class PhoneBrowser implements AutoCloseable {

    public static final int PHONE = 360;
    public static final int DESK = 1280;
    static final Path SCREENSHOTS = Path.of("docs", "screenshots");

    private final ChromeDriver driver;
    private int width = DESK;

    public PhoneBrowser(String zone) {
        String chromium = which("chromium");
        String chromedriver = which("chromedriver");
        if (chromium == null || chromedriver == null) {
            fail("headless Chromium is needed for this test: run scripts/install-test-browser.sh (Debian's chromium and chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--hide-scrollbars", "--window-size=" + DESK + ",900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                .withEnvironment(Map.of("TZ", zone)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens the page at this width; returns the browser for the test's own steps. */
    public ChromeDriver open(String url, int width) {
        width(width);
        driver.get(url);
        return driver;
    }

    public void width(int width) {
        this.width = width;
        driver.manage().window().setSize(new Dimension(width, width == PHONE ? 780 : 900));
    }

    /** The page's text as a reader sees it. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Nothing is cut off at this width: the page does not scroll sideways (the viewport tag is there and long words
     * wrap), and every element that holds text fits inside the viewport.
     */
    public void assertFitsTheWidth() {
        Object viewport = driver.executeScript("return document.querySelector('meta[name=viewport]') !== null");
        assertThat(viewport).as("viewport tag").isEqualTo(true);
        Number inner = (Number) driver.executeScript("return window.innerWidth");
        Number scroll = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        assertThat(scroll.intValue()).as("the page scrolls sideways at %d px", inner.intValue())
                .isLessThanOrEqualTo(inner.intValue());
        Object overflowing = driver.executeScript("""
                const w = window.innerWidth;
                for (const el of document.querySelectorAll('main *')) {
                  const r = el.getBoundingClientRect();
                  if (r.width > 0 && (r.right > w + 1 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible'))
                    return el.tagName + (el.id ? '#' + el.id : '') + ' ' + Math.round(r.right) + '/' + w;
                }
                return null;""");
        assertThat(overflowing).as("an element wider than the viewport").isNull();
    }

    /** The element's whole text shows and wraps onto more than one line (it is longer than one line at this width). */
    public void assertWraps(WebElement element, String fullText) {
        assertThat(element.getText().replaceAll("\\s+", " ").strip()).isEqualTo(fullText.replaceAll("\\s+", " ").strip());
        Number lineHeight = (Number) driver.executeScript(
                "const s = getComputedStyle(arguments[0]); return parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.2;", element);
        assertThat(element.getRect().getHeight()).as("wrapped onto several lines")
                .isGreaterThan((int) (lineHeight.doubleValue() * 1.5));
        assertThat(element.getRect().getX() + element.getRect().getWidth()).as("inside the viewport")
                .isLessThanOrEqualTo(((Number) driver.executeScript("return window.innerWidth")).intValue());
    }

    /** Writes {@code docs/screenshots/<name>-<width>.png}: the whole page, as tall as it is. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Dimension before = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        Number chrome = (Number) driver.executeScript("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(before.getWidth(),
                Math.max(before.getHeight(), height.intValue() + chrome.intValue())));
        try {
            Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    public static int status(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static int statusOfPost(String url, String form) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
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

    @Override
    public void close() {
        driver.quit();
    }
}
