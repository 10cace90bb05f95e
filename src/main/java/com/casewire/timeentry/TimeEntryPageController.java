package com.casewire.timeentry;

import com.casewire.pages.Pages;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one-tap page behind a prompt's link (template {@code pages/time-entry}): matter, date and the event's duration rounded to the increment, with
 * the duration and description editable and one button that records the entry through the outbox. A tampered link
 * is refused with 403, an expired one with 410.
 */
@Controller
class TimeEntryPageController {

    private final TimeEntryLinks links;
    private final TimeEntryPrompts prompts;
    private final Pages pages;

    TimeEntryPageController(TimeEntryLinks links, TimeEntryPrompts prompts, Pages pages) {
        this.links = links;
        this.prompts = prompts;
        this.pages = pages;
    }

    @GetMapping(value = "/time/{token}")
    ModelAndView show(@PathVariable String token) {
        return withPrompt(token, this::show);
    }

    private ModelAndView show(PromptStore.Prompt prompt) {
        Map<String, String> d = prompts.describe(prompt);
        if (prompt.recordedSeconds() != null) {
            return pages.message(HttpStatus.OK, "Time recorded", TimeEntryPrompts.hours(prompt.recordedSeconds())
                    + " h is recorded on " + d.get("matter.name") + " for " + d.get("event.date") + ".");
        }
        return pages.view("time-entry", HttpStatus.OK, "Record your time")
                .addObject("matter", d.get("matter.name"))
                .addObject("client", d.get("client.name"))
                .addObject("date", d.get("event.date"))
                .addObject("hours", d.get("event.hours"))
                .addObject("note", d.get("event.title"));
    }

    @PostMapping(value = "/time/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ModelAndView record(@PathVariable String token, @RequestParam(required = false) String hours,
                                  @RequestParam(required = false) String note) {
        return withPrompt(token, prompt -> record(prompt, hours, note));
    }

    private ModelAndView record(PromptStore.Prompt prompt, String hours, String note) {
        long seconds;
        try {
            BigDecimal h = new BigDecimal(hours == null ? "" : hours.strip());
            seconds = h.multiply(BigDecimal.valueOf(3600)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            seconds = -1;
        }
        if (seconds <= 0 || seconds > DurationReply.MAX_SECONDS) {
            return pages.message(HttpStatus.BAD_REQUEST, "Check the hours", "Hours must be a number such as 1.2.");
        }
        String description = note == null ? null : note.length() > 2000 ? note.substring(0, 2000) : note;
        TimeEntryPrompts.Recorded recorded = prompts.record(prompt, seconds, description, "link");
        Map<String, String> d = prompts.describe(prompt);
        String what = TimeEntryPrompts.hours(recorded.seconds()) + " h on " + d.get("matter.name") + " for "
                + d.get("event.date");
        return pages.message(HttpStatus.OK, "Time recorded", recorded.now() ? "Recorded " + what + "."
                : "Already recorded: " + what + ".");
    }

    /** What {@code page} shows for the prompt the link names, or the page for a refused link or an unknown prompt. */
    private ModelAndView withPrompt(String token, Function<PromptStore.Prompt, ModelAndView> page) {
        TimeEntryLinks.Check check = links.check(token);
        ModelAndView refused = refused(check);
        if (refused != null) {
            return refused;
        }
        return prompts.prompt(check.promptId()).map(page).orElseGet(() ->
                pages.message(HttpStatus.NOT_FOUND, "Not found", "This link does not name a time entry."));
    }

    private ModelAndView refused(TimeEntryLinks.Check check) {
        return switch (check.verdict()) {
            case TAMPERED -> pages.message(HttpStatus.FORBIDDEN, "Link not valid", "This link is not valid.");
            case EXPIRED -> pages.message(HttpStatus.GONE, "Link expired",
                    "This link has expired. Record the time in the practice system.");
            case VALID -> null;
        };
    }
}
