package com.casewire.gcal;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Google Calendar v3. The connector is off while {@code calendarIds} is empty. {@code credentials} picks an OAuth
 * client's refresh token ({@code refresh-token}) or a service account's JSON key ({@code service-account}, JWT
 * bearer grant with {@code scope}, impersonating {@code delegatedUser} when set). {@code requestsPerMinute} is our
 * own pacing; {@code matterPattern} finds a matter reference (its first group) in an event title;
 * {@code fullSyncLookBack} bounds a full sync ({@code timeMin} = now minus it). {@code push} keeps an
 * events.watch channel per calendar, asked to live {@code channelLifetime} and renewed {@code channelRenewBefore}
 * its expiry; every calendar is also synced each {@code syncIntervalMillis}. An event first seen after it ended
 * is still reported when it ended within {@code endedEventWindow}.
 */
@Validated
@ConfigurationProperties("hub.google")
public record GoogleProperties(
        @NotBlank(message = "hub.google.base-url is required (environment variable HUB_GOOGLE_BASEURL)") @DefaultValue("https://www.googleapis.com/calendar/v3") @Pattern(regexp = "https?://\\S+", message = "hub.google.base-url must be an http(s) URL") String baseUrl,
        @NotBlank(message = "hub.google.token-url is required (environment variable HUB_GOOGLE_TOKENURL)") @DefaultValue("https://oauth2.googleapis.com/token") @Pattern(regexp = "https?://\\S+", message = "hub.google.token-url must be an http(s) URL") String tokenUrl,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("") String refreshToken,
        List<String> calendarIds,
        @Min(value = 1, message = "hub.google.requests-per-minute must be at least 1") @DefaultValue("300") int requestsPerMinute,
        @DefaultValue("\\[(?:M|Matter)[ #:]*(\\d+)\\]") String matterPattern,
        @DefaultValue("30d") Duration fullSyncLookBack,
        @DefaultValue("refresh-token") @Pattern(regexp = "refresh-token|service-account", message = "hub.google.credentials must be refresh-token or service-account") String credentials,
        @DefaultValue("") String serviceAccountKey,
        @DefaultValue("") String delegatedUser,
        @NotBlank(message = "hub.google.scope is required (environment variable HUB_GOOGLE_SCOPE)") @DefaultValue("https://www.googleapis.com/auth/calendar") String scope,
        @DefaultValue("true") boolean push,
        @DefaultValue("7d") Duration channelLifetime,
        @DefaultValue("1d") Duration channelRenewBefore,
        @Min(value = 1000, message = "hub.google.sync-interval-millis must be at least 1000") @DefaultValue("900000") long syncIntervalMillis,
        @DefaultValue("1h") Duration endedEventWindow) {

    public GoogleProperties {
        calendarIds = calendarIds == null ? List.of() : List.copyOf(calendarIds);
    }

    public boolean enabled() {
        return !calendarIds.isEmpty();
    }

    @AssertTrue(message = "hub.google.client-id, client-secret and refresh-token are required when hub.google.calendar-ids is set")
    public boolean isCredentialsPresent() {
        return !enabled() || usesServiceAccount()
                || (!isBlank(clientId) && !isBlank(clientSecret) && !isBlank(refreshToken));
    }

    @AssertTrue(message = "hub.google.service-account-key (a JSON key file's path or content) is required when hub.google.credentials is service-account")
    public boolean isServiceAccountKeyPresent() {
        return !enabled() || !usesServiceAccount() || !isBlank(serviceAccountKey);
    }

    @AssertTrue(message = "hub.google.channel-lifetime must be longer than hub.google.channel-renew-before, and both positive")
    public boolean isChannelTimingValid() {
        return channelLifetime != null && channelRenewBefore != null && channelRenewBefore.compareTo(Duration.ZERO) > 0
                && channelLifetime.compareTo(channelRenewBefore) > 0;
    }

    @AssertTrue(message = "hub.google.ended-event-window must not be negative")
    public boolean isEndedEventWindowValid() {
        return endedEventWindow != null && !endedEventWindow.isNegative();
    }

    /** Service-account (JWT bearer) credentials instead of an OAuth client's refresh token. */
    public boolean usesServiceAccount() {
        return "service-account".equals(credentials);
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
