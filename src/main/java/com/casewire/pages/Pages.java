package com.casewire.pages;

import com.casewire.config.FirmProperties;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page shares: the firm's name at the top, times in words in the firm's zone, and the one plain page
 * for a refusal or a result ("Link expired", "Approved"). Controllers stay in their feature packages and hand their
 * model to a template under {@code templates/pages/}.
 */
@Component
public class Pages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE, MMM d, h:mm a", Locale.US);

    private final FirmProperties firm;

    Pages(FirmProperties firm) {
        this.firm = firm;
    }

    /** The template {@code pages/<name>} with the firm's name, answered with {@code status}. */
    public ModelAndView view(String name, HttpStatus status, String title) {
        ModelAndView view = new ModelAndView("pages/" + name);
        view.setStatus(status);
        view.addObject("firmName", firm.name());
        view.addObject("title", title);
        return view;
    }

    /** A page that only says something: a refusal (403, 410, 409) or the outcome of a decision. */
    public ModelAndView message(HttpStatus status, String title, String text) {
        return view("message", status, title).addObject("text", text);
    }

    /** "Tue, Mar 3, 2:30 PM Eastern Time": a time an attorney or client reads, in the firm's zone. */
    public String when(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(zone())) + " " + zoneName(zone());
    }

    public ZoneId zone() {
        return firm.zone();
    }

    /** The zone in words ("Eastern Time", "Central European Time"), not its id. */
    public static String zoneName(ZoneId zone) {
        return zone.getDisplayName(TextStyle.FULL, Locale.US);
    }
}
