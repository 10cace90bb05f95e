package com.casewire.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * What a log line may show of a person's contact details: the last four digits of a phone number
 * ({@code ***0100}) and the first letter and domain of an email address ({@code j***@example.com}). A firm keeps
 * its logs longer and shows them to more people than its client records, so every log call at INFO or above that
 * prints a phone number or an email address, or a text that may carry one (a vendor's error message), goes through
 * here. The communication log and the matter notes keep the full address: they are the client record.
 *
 * <p>Also a Camel bean ({@code logMask}) for the {@code log} steps of our routes.
 */
@Component("logMask")
public class LogMask {

    private static final String STARS = "***";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    // E.164 (+15555550100) and written North American numbers ((555) 555-0100, 555-555-0100, 555.555.0100);
    // bare digit runs are left alone: they are record ids far more often than phone numbers
    private static final Pattern PHONE = Pattern.compile(
            "\\+[1-9]\\d{6,14}\\b|(?<![\\w+])(?:\\+?1[-. ]?)?\\(?\\d{3}\\)?[-. ]\\d{3}[-. ]\\d{4}\\b");

    /** {@code ***0100}; {@code ***} when there are fewer than five digits; null stays null. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() < 5 ? STARS : STARS + digits.substring(digits.length() - 4);
    }

    /** {@code j***@example.com}; {@code ***} when it is not an address; null stays null. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at < 0 || at == email.length() - 1) {
            return STARS;
        }
        return (at == 0 ? "" : email.substring(0, 1)) + STARS + email.substring(at);
    }

    /** An address of either kind: an email address when it has an {@code @}, otherwise a phone number. */
    public static String address(String address) {
        if (address == null) {
            return null;
        }
        return address.indexOf('@') >= 0 ? email(address) : phone(address);
    }

    /** Free text (a vendor's error message, a parser's complaint) with every email address and phone number masked. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(EMAIL.matcher(text), true);
        return replace(PHONE.matcher(masked), false);
    }

    private static String replace(Matcher m, boolean email) {
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(email ? email(m.group()) : phone(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** For route {@code log} steps: the exchange's exception message, masked. */
    public String exceptionMessage(Exchange exchange) {
        Throwable e = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return e == null ? "" : text(String.valueOf(e.getMessage()));
    }

    /** For route {@code log} steps: a field that may be an address ({@code ${bean:logMask?method=mask(${body.x})}}). */
    public String mask(String value) {
        return text(value);
    }
}
