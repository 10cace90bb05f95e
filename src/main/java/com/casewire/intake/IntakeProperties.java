package com.casewire.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Missed-call recovery and lead intake (issue #5). Business hours, matter types, practice areas and attorneys are
 * integrator rules in {@code routes/intake.rules.yaml}; these are the hub's own settings. A blank
 * {@code bookingSecret} makes the hub sign booking links with a random key per process (links then die on
 * restart and differ between instances): set it in any deployment.
 */
@Validated
@ConfigurationProperties("hub.intake")
public record IntakeProperties(
        @DefaultValue("") String bookingSecret,
        @DefaultValue("7d") Duration bookingLinkTtl,
        @DefaultValue("5") @Min(value = 1, message = "hub.intake.booking-days must be at least 1") int bookingDays,
        @DefaultValue("30m") Duration consultationLength,
        @DefaultValue("2h") Duration escalateAfter,
        @DefaultValue("24h") Duration reminderBefore,
        @DefaultValue("false") boolean acknowledgeInQuietHours,
        @DefaultValue("5") @Min(value = 1, message = "hub.intake.web-form-max-per-ip must be at least 1") int webFormMaxPerIp,
        @DefaultValue("1h") Duration webFormWindow,
        @DefaultValue({}) List<String> webFormOrigins,
        @Valid @NotNull @DefaultValue Mailbox mailbox) {

    /** Origins a browser may post the web form from: scheme, host and optional port, nothing more. */
    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile(
            "https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?/?");

    @AssertTrue(message = "hub.intake.web-form-origins must be origins such as https://www.firm.example "
            + "(scheme, host and optional port; no path, no wildcard)")
    public boolean isWebFormOriginsValid() {
        return webFormOrigins == null || webFormOrigins.stream().allMatch(o -> o != null && ORIGIN.matcher(o.strip()).matches());
    }

    /** The allowed web-form origins, without a trailing slash; empty: same-origin only. */
    public List<String> webFormOriginList() {
        return webFormOrigins == null ? List.of() : webFormOrigins.stream().map(String::strip)
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).toList();
    }

    @AssertTrue(message = "hub.intake.booking-secret must be at least 32 characters when set")
    public boolean isBookingSecretLongEnough() {
        return bookingSecret == null || bookingSecret.isEmpty() || bookingSecret.length() >= 32;
    }

    @AssertTrue(message = "hub.intake.booking-link-ttl, consultation-length, escalate-after, reminder-before and web-form-window must be positive")
    public boolean isDurationsPositive() {
        return java.util.stream.Stream.of(bookingLinkTtl, consultationLength, escalateAfter, reminderBefore, webFormWindow)
                .allMatch(d -> d != null && !d.isNegative() && !d.isZero());
    }

    /**
     * The intake mailbox ({@code hub.intake.mailbox.*}): an IMAP(S) mailbox whose new messages become leads (unknown
     * senders) or notes on the sender's matter (clients). Off unless {@code enabled}; then host, username and password
     * are required. {@code address} is the mailbox's own address (default: the username when it is one): mail from it
     * or from {@code hub.mail.from} is the hub's own and never a lead. Messages over {@code maxMessageBytes} are
     * refused; the enquiry text kept from a message is cut at {@code maxTextChars}.
     */
    public record Mailbox(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("imaps") @Pattern(regexp = "imaps?", message = "hub.intake.mailbox.protocol must be imap or imaps") String protocol,
            @DefaultValue("") String host,
            @DefaultValue("993") @Min(value = 1, message = "hub.intake.mailbox.port must be a port number") @Max(value = 65535, message = "hub.intake.mailbox.port must be a port number") int port,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("INBOX") @NotBlank(message = "hub.intake.mailbox.folder must not be blank") String folder,
            @DefaultValue("60000") @Min(value = 1000, message = "hub.intake.mailbox.poll-interval-millis must be at least 1000") long pollIntervalMillis,
            @DefaultValue("false") boolean delete,
            @DefaultValue("") String address,
            @DefaultValue("10485760") @Min(value = 1024, message = "hub.intake.mailbox.max-message-bytes must be at least 1024") long maxMessageBytes,
            @DefaultValue("4000") @Min(value = 100, message = "hub.intake.mailbox.max-text-chars must be at least 100") int maxTextChars) {

        @AssertTrue(message = "hub.intake.mailbox.host, username and password are required when hub.intake.mailbox.enabled=true")
        public boolean isConfiguredWhenEnabled() {
            return !enabled || !isBlank(host) && !isBlank(username) && !isBlank(password);
        }

        /** The mailbox's own address: {@code address}, else the username when it is an email address; may be null. */
        public String ownAddress() {
            if (!isBlank(address)) {
                return address.strip();
            }
            return username != null && username.contains("@") ? username.strip() : null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
