package com.casewire.practice.mycase;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * MyCase (API v1, third-party documented: see docs/connectors/mycase.md). Required only when
 * {@code hub.practice-management=mycase}. {@code requestsPerSecond} is our pacing, below MyCase's reported 25
 * per second. The poller is the dependable path: {@code pollResources} are listed every
 * {@code pollIntervalMillis} with {@code updatedAfterParam} = the stored high-water mark minus
 * {@code pollOverlap}. Webhook subscriptions are opt-in ({@code manageWebhooks}); a delivery only triggers a poll.
 * {@code preferenceField} names a client custom field holding the channel preference (sms, email, portal).
 * Ledger: {@code trustBalancesPath} is a trust-balance endpoint the firm has confirmed (MyCase documents none;
 * blank: trust balances are not available), {@code eventsStartParam}/{@code eventsEndParam} the date filters of
 * GET /events (blank: not sent), and time entries are listed by the updated-after filter from
 * {@code timeEntriesLookBack} before the first day asked for.
 */
@Validated
@ConfigurationProperties("hub.mycase")
public record MyCaseProperties(
        @NotBlank(message = "hub.mycase.base-url is required (environment variable HUB_MYCASE_BASEURL)") @DefaultValue("https://external-integrations.mycase.com/v1") @Pattern(regexp = "https?://\\S+", message = "hub.mycase.base-url must be an http(s) URL") String baseUrl,
        @DefaultValue("") String accessToken,
        @DefaultValue("") String refreshToken,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @NotBlank(message = "hub.mycase.token-url is required (environment variable HUB_MYCASE_TOKENURL)") @DefaultValue("https://auth.mycase.com/tokens") @Pattern(regexp = "https?://\\S+", message = "hub.mycase.token-url must be an http(s) URL") String tokenUrl,
        @DecimalMin(value = "0.1", message = "hub.mycase.requests-per-second must be at least 0.1") @DecimalMax(value = "25", message = "hub.mycase.requests-per-second must be at most 25 (MyCase's limit)") @DefaultValue("10") double requestsPerSecond,
        @Min(value = 1, message = "hub.mycase.page-size must be at least 1") @Max(value = 1000, message = "hub.mycase.page-size must be at most 1000") @DefaultValue("100") int pageSize,
        @Min(value = 1, message = "hub.mycase.max-pages must be at least 1") @DefaultValue("1000") int maxPages,
        @NotBlank(message = "hub.mycase.updated-after-param is required (environment variable HUB_MYCASE_UPDATEDAFTERPARAM)") @DefaultValue("filter[updated_after]") String updatedAfterParam,
        @Min(value = 1000, message = "hub.mycase.poll-interval-millis must be at least 1000") @DefaultValue("60000") long pollIntervalMillis,
        @NotNull @DefaultValue("2m") Duration pollOverlap,
        @NotEmpty(message = "hub.mycase.poll-resources must name at least one of cases, tasks, documents") @DefaultValue({"cases", "tasks", "documents"}) List<String> pollResources,
        @DefaultValue("") String preferenceField,
        @DefaultValue("false") boolean manageWebhooks,
        @DefaultValue({"case"}) List<String> webhookModels,
        @DefaultValue("Medium") String taskPriority,
        @Pattern(regexp = "(/[^\\s:?#]*)?", message = "hub.mycase.trust-balances-path must be a path under hub.mycase.base-url starting with /, without a query ({case_id} stands for the case id)") @DefaultValue("") String trustBalancesPath,
        @DefaultValue("filter[start_date]") String eventsStartParam,
        @DefaultValue("filter[end_date]") String eventsEndParam,
        @NotNull @DefaultValue("31d") Duration timeEntriesLookBack,
        @NotNull @DefaultValue("resend") UnknownOutcome unknownNoteOutcome,
        @NotNull @DefaultValue("look-up") UnknownOutcome unknownTaskOutcome) {

    /**
     * What the hub does with a note or task whose send has an unknown outcome (the hub stopped, or the call timed
     * out, after the request left), since MyCase takes no idempotency key and its list contracts are unconfirmed:
     * look the record up by the marker the hub wrote into it, send it again (a duplicate is possible, recognisable
     * by the marker), or leave the row DEAD for a person to check MyCase and replay it.
     */
    public enum UnknownOutcome { LOOK_UP, RESEND, OPERATOR }

    public static final java.util.Set<String> POLLABLE = java.util.Set.of("cases", "tasks", "documents");

    public boolean canRefresh() {
        return !isBlank(refreshToken) && !isBlank(clientId) && !isBlank(clientSecret);
    }

    @AssertTrue(message = "hub.mycase.client-id and hub.mycase.client-secret are required when hub.mycase.refresh-token is set")
    public boolean isRefreshClientPresent() {
        return isBlank(refreshToken) || !isBlank(clientId) && !isBlank(clientSecret);
    }

    @AssertTrue(message = "hub.mycase.poll-resources may only name cases, tasks and documents")
    public boolean isPollResourcesKnown() {
        return pollResources == null || POLLABLE.containsAll(pollResources);
    }

    @AssertTrue(message = "hub.mycase.poll-overlap must not be negative")
    public boolean isPollOverlapValid() {
        return pollOverlap == null || !pollOverlap.isNegative();
    }

    @AssertTrue(message = "hub.mycase.time-entries-look-back must not be negative")
    public boolean isTimeEntriesLookBackValid() {
        return timeEntriesLookBack == null || !timeEntriesLookBack.isNegative();
    }

    /** Whether a MyCase endpoint for trust balances is configured (none is documented). */
    public boolean hasTrustBalancesPath() {
        return !isBlank(trustBalancesPath);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
