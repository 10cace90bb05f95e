package com.casewire.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's public configuration contract: every key lives under {@code hub.*}. Integrators and
 * deployment scripts use these names, so renaming one is a breaking change. Validation runs at
 * startup and Spring's failure report names the offending key.
 */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        @NotBlank(message = "hub.public-base-url is required") @Pattern(regexp = "https?://\\S+", message = "hub.public-base-url must be an http(s) URL") String publicBaseUrl,
        @NotBlank(message = "hub.practice-management is required") @Pattern(regexp = "clio|mycase", message = "hub.practice-management must be clio or mycase") String practiceManagement,
        @NotBlank @DefaultValue("routes") String routesDir,
        @Valid @NotNull(message = "hub.firm.name is required") Firm firm,
        @Valid @NotNull(message = "hub.clio.access-token is required") Clio clio,
        @Valid @NotNull(message = "hub.twilio.account-sid, auth-token and from-number are required") Twilio twilio,
        @Valid @NotNull(message = "hub.mail.from is required") Mail mail,
        @Valid @NotNull @DefaultValue Webhooks webhooks,
        @Valid @NotNull @DefaultValue Notifications notifications,
        @Valid @NotNull @DefaultValue Outbox outbox,
        @Valid @NotNull @DefaultValue Inbox inbox,
        @Valid @NotNull @DefaultValue Timers timers,
        @Valid @NotNull @DefaultValue Api api,
        @Valid @NotNull @DefaultValue Lawpay lawpay,
        @Valid @NotNull @DefaultValue Google google,
        @Valid @NotNull @DefaultValue MatterStatus statusUpdates) {

    public record Firm(@NotBlank(message = "hub.firm.name is required") String name,
                       @NotBlank(message = "hub.firm.time-zone is required") @DefaultValue("America/New_York") String timeZone) {
        @AssertTrue(message = "hub.firm.time-zone must be an IANA zone id such as America/New_York")
        public boolean isTimeZoneValid() {
            return isZone(timeZone);
        }

        public ZoneId zone() {
            return ZoneId.of(timeZone);
        }
    }

    public record Clio(
            @NotBlank(message = "hub.clio.base-url is required") @Pattern(regexp = "https?://\\S+", message = "hub.clio.base-url must be an http(s) URL") String baseUrl,
            @NotBlank(message = "hub.clio.access-token is required") String accessToken,
            String webhookSecret,
            @Min(value = 1, message = "hub.clio.requests-per-minute must be at least 1") @DefaultValue("50") int requestsPerMinute,
            @NotBlank @DefaultValue("4.0.9") String apiVersion,
            @DefaultValue({"matter", "task", "document", "calendar_entry", "activity"}) List<String> webhookModels,
            @DefaultValue("true") boolean manageWebhooks,
            @DefaultValue("") String refreshToken,
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("https://app.clio.com/oauth/token") String tokenUrl) {

        public boolean canRefresh() {
            return !refreshToken.isBlank() && !clientId.isBlank() && !clientSecret.isBlank();
        }
    }

    public record Twilio(
            @NotBlank(message = "hub.twilio.base-url is required") @DefaultValue("https://api.twilio.com") @Pattern(regexp = "https?://\\S+", message = "hub.twilio.base-url must be an http(s) URL") String baseUrl,
            @NotBlank(message = "hub.twilio.account-sid is required") @Pattern(regexp = "AC\\w+", message = "hub.twilio.account-sid must be a Twilio Account SID (AC...)") String accountSid,
            @NotBlank(message = "hub.twilio.auth-token is required") String authToken,
            @NotBlank(message = "hub.twilio.from-number is required") @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "hub.twilio.from-number must be an E.164 number such as +15555550100") String fromNumber,
            @Min(value = 1, message = "hub.twilio.messages-per-second must be at least 1") @DefaultValue("1") double messagesPerSecond) {
    }

    public record Mail(@NotBlank(message = "hub.mail.from is required") String from, @DefaultValue("5") @Min(1) double messagesPerSecond) {
    }

    /** Inbound edge limits. */
    public record Webhooks(@DefaultValue("1048576") @Min(1024) int maxBodyBytes) {
    }

    public record Notifications(
            @DefaultValue("08:00") LocalTime quietHoursEnd,
            @DefaultValue("21:00") LocalTime quietHoursStart,
            @NotEmpty @DefaultValue({"sms"}) List<String> quietHoursChannels,
            @NotEmpty @DefaultValue({"sms", "email", "portal"}) List<String> fallbackOrder,
            @DefaultValue("US") String defaultPhoneRegion) {
    }

    public record Outbox(
            @DefaultValue("6") @Min(1) int maxAttempts,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("10m") Duration maxBackoff,
            @DefaultValue("2m") Duration claimTimeout,
            @DefaultValue("8") @Min(1) int sendersPerVendor,
            @DefaultValue("10s") Duration vendorTimeout) {
    }

    public record Inbox(
            @DefaultValue("8") @Min(1) int workers,
            @DefaultValue("5") @Min(1) int maxAttempts,
            @DefaultValue("5s") Duration sweepGrace,
            @DefaultValue("5000") @Min(100) long sweepIntervalMillis) {
    }

    public record Timers(@DefaultValue("1000") @Min(50) long pollIntervalMillis, @DefaultValue("2m") Duration claimTimeout) {
    }

    /**
     * LawPay / AffiniPay gateway. The connector is off while {@code secretKey} is blank: the webhook answers 503.
     * The gateway publishes no rate limit; {@code requestsPerMinute} is our own pacing, not a vendor figure.
     */
    public record Lawpay(
            @NotBlank(message = "hub.lawpay.base-url is required") @DefaultValue("https://api.affinipay.com") @Pattern(regexp = "https?://\\S+", message = "hub.lawpay.base-url must be an http(s) URL") String baseUrl,
            String secretKey,
            @Pattern(regexp = "(https?://\\S+)?", message = "hub.lawpay.payment-page-url must be an http(s) URL") String paymentPageUrl,
            @Min(value = 1, message = "hub.lawpay.requests-per-minute must be at least 1") @DefaultValue("60") int requestsPerMinute) {

        public boolean enabled() {
            return secretKey != null && !secretKey.isBlank();
        }
    }

    /**
     * Google Calendar v3 with an OAuth client's refresh token. The connector is off while {@code calendarIds} is
     * empty. {@code requestsPerMinute} is our own pacing; {@code matterPattern} finds a matter reference (its first
     * group) in an event title; {@code fullSyncLookBack} bounds a full sync ({@code timeMin} = now minus it).
     */
    public record Google(
            @NotBlank(message = "hub.google.base-url is required") @DefaultValue("https://www.googleapis.com/calendar/v3") @Pattern(regexp = "https?://\\S+", message = "hub.google.base-url must be an http(s) URL") String baseUrl,
            @NotBlank(message = "hub.google.token-url is required") @DefaultValue("https://oauth2.googleapis.com/token") @Pattern(regexp = "https?://\\S+", message = "hub.google.token-url must be an http(s) URL") String tokenUrl,
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("") String refreshToken,
            List<String> calendarIds,
            @Min(value = 1, message = "hub.google.requests-per-minute must be at least 1") @DefaultValue("300") int requestsPerMinute,
            @DefaultValue("\\[(?:M|Matter)[ #:]*(\\d+)\\]") String matterPattern,
            @DefaultValue("30d") Duration fullSyncLookBack) {

        public Google {
            calendarIds = calendarIds == null ? List.of() : List.copyOf(calendarIds);
        }

        public boolean enabled() {
            return !calendarIds.isEmpty();
        }

        @AssertTrue(message = "hub.google.client-id, client-secret and refresh-token are required when hub.google.calendar-ids is set")
        public boolean isCredentialsPresent() {
            return !enabled() || (!isBlank(clientId) && !isBlank(clientSecret) && !isBlank(refreshToken));
        }

        @AssertTrue(message = "hub.google.matter-pattern must be a regular expression with at least one group")
        public boolean isMatterPatternValid() {
            try {
                return matterPattern != null && java.util.regex.Pattern.compile(matterPattern).matcher("").groupCount() >= 1;
            } catch (java.util.regex.PatternSyntaxException e) {
                return false;
            }
        }

        @AssertTrue(message = "hub.google.full-sync-look-back must be positive")
        public boolean isFullSyncLookBackValid() {
            return fullSyncLookBack != null && !fullSyncLookBack.isNegative() && !fullSyncLookBack.isZero();
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }

    /**
     * The matter-status workflow ({@code hub.status-updates.*}): at most one client update per matter per
     * {@code window} (milestones inside it are combined), an optional {@code gatherDelay} before the first one,
     * the Clio custom fields that carry a client's channel preference and a matter's updates contact, and the
     * approval checkpoint (signed links, their lifetime, escalation).
     */
    public record MatterStatus(
            @DefaultValue("1h") Duration window,
            @DefaultValue("0s") Duration gatherDelay,
            @DefaultValue("Preferred contact method") String preferenceField,
            @DefaultValue("Updates contact") String recipientField,
            @DefaultValue("") String approvalSecret,
            @DefaultValue("72h") Duration approvalLinkTtl,
            @DefaultValue("4h") Duration approvalEscalateAfter,
            @DefaultValue("") String approvalEscalateTo,
            @DefaultValue("") String approvalFallbackTo) {

        @AssertTrue(message = "hub.status-updates.window and gather-delay must not be negative")
        public boolean isWindowValid() {
            return window != null && !window.isNegative() && gatherDelay != null && !gatherDelay.isNegative();
        }

        @AssertTrue(message = "hub.status-updates.approval-link-ttl and approval-escalate-after must be positive")
        public boolean isApprovalTimesValid() {
            return approvalLinkTtl != null && approvalLinkTtl.toSeconds() > 0
                    && approvalEscalateAfter != null && approvalEscalateAfter.toSeconds() > 0;
        }

        @AssertTrue(message = "hub.status-updates.approval-secret must be at least 16 characters when set")
        public boolean isApprovalSecretValid() {
            return approvalSecret == null || approvalSecret.isEmpty() || approvalSecret.length() >= 16;
        }

        /** Whether approval emails carry signed approve/edit/reject links. */
        public boolean signsLinks() {
            return approvalSecret != null && !approvalSecret.isEmpty();
        }
    }

    /** Bearer token for /api/** (staff and operator API). Empty disables the API. */
    public record Api(@DefaultValue("") String token) {
    }

    static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException | NullPointerException e) {
            return false;
        }
    }
}
