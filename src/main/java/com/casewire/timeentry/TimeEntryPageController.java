package com.casewire.timeentry;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The one-tap page behind a prompt's link: matter, date and the event's duration rounded to the increment, with
 * the duration and description editable and one button that records the entry through the outbox. A tampered link
 * is refused with 403, an expired one with 410.
 */
@RestController
class TimeEntryPageController {

    private final TimeEntryLinks links;
    private final TimeEntryPrompts prompts;

    TimeEntryPageController(TimeEntryLinks links, TimeEntryPrompts prompts) {
        this.links = links;
        this.prompts = prompts;
    }

    @GetMapping(value = "/time/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@PathVariable String token) {
        TimeEntryLinks.Check check = links.check(token);
        ResponseEntity<String> refused = refused(check);
        if (refused != null) {
            return refused;
        }
        var found = prompts.prompt(check.promptId());
        if (found.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "Not found", "<p>This link does not name a time entry.</p>");
        }
        PromptStore.Prompt prompt = found.get();
        Map<String, String> d = prompts.describe(prompt);
        if (prompt.recordedSeconds() != null) {
            return page(HttpStatus.OK, "Time recorded", "<p>" + TimeEntryPrompts.hours(prompt.recordedSeconds())
                    + " h is recorded on " + esc(d.get("matter.name")) + " for " + esc(d.get("event.date")) + ".</p>");
        }
        String form = "<p><b>Matter:</b> " + esc(d.get("matter.name")) + "<br><b>Client:</b> " + esc(d.get("client.name"))
                + "<br><b>Date:</b> " + esc(d.get("event.date")) + "</p>"
                + "<form method=\"post\"><label>Hours <input name=\"hours\" inputmode=\"decimal\" value=\""
                + esc(d.get("event.hours")) + "\" size=\"5\"></label><br><label>Description<br><textarea name=\"note\" rows=\"3\" cols=\"40\">"
                + esc(d.get("event.title")) + "</textarea></label><br><button type=\"submit\">Record "
                + "time</button></form>";
        return page(HttpStatus.OK, "Record your time", form);
    }

    @PostMapping(value = "/time/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> record(@PathVariable String token, @RequestParam(required = false) String hours,
                                  @RequestParam(required = false) String note) {
        TimeEntryLinks.Check check = links.check(token);
        ResponseEntity<String> refused = refused(check);
        if (refused != null) {
            return refused;
        }
        var found = prompts.prompt(check.promptId());
        if (found.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "Not found", "<p>This link does not name a time entry.</p>");
        }
        long seconds;
        try {
            BigDecimal h = new BigDecimal(hours == null ? "" : hours.strip());
            seconds = h.multiply(BigDecimal.valueOf(3600)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            seconds = -1;
        }
        if (seconds <= 0 || seconds > DurationReply.MAX_SECONDS) {
            return page(HttpStatus.BAD_REQUEST, "Check the hours", "<p>Hours must be a number such as 1.2.</p>");
        }
        String description = note == null ? null : note.length() > 2000 ? note.substring(0, 2000) : note;
        TimeEntryPrompts.Recorded recorded = prompts.record(found.get(), seconds, description, "link");
        Map<String, String> d = prompts.describe(found.get());
        String what = TimeEntryPrompts.hours(recorded.seconds()) + " h on " + esc(d.get("matter.name")) + " for "
                + esc(d.get("event.date"));
        return page(HttpStatus.OK, "Time recorded", recorded.now() ? "<p>Recorded " + what + ".</p>"
                : "<p>Already recorded: " + what + ".</p>");
    }

    private ResponseEntity<String> refused(TimeEntryLinks.Check check) {
        return switch (check.verdict()) {
            case TAMPERED -> page(HttpStatus.FORBIDDEN, "Link not valid", "<p>This link is not valid.</p>");
            case EXPIRED -> page(HttpStatus.GONE, "Link expired",
                    "<p>This link has expired. Record the time in the practice system.</p>");
            case VALID -> null;
        };
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + "</title></head><body><h1>"
                + esc(title) + "</h1>" + body + "</body></html>";
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").body(html);
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
