package com.casewire.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
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
        @NotBlank(message = "hub.public-base-url is required (environment variable HUB_PUBLICBASEURL)") @Pattern(regexp = "https?://\\S+", message = "hub.public-base-url must be an http(s) URL") String publicBaseUrl,
        @NotBlank(message = "hub.practice-management is required (environment variable HUB_PRACTICEMANAGEMENT)") @Pattern(regexp = "clio|mycase", message = "hub.practice-management must be clio or mycase") String practiceManagement,
        @NotBlank @DefaultValue("routes") String routesDir,
        @Valid @NotNull(message = "hub.firm.name is required (environment variable HUB_FIRM_NAME)") Firm firm,
        @Valid @NotNull @DefaultValue Clio clio,
        @Valid @NotNull(message = "hub.twilio.account-sid, auth-token and from-number are required") Twilio twilio,
        @Valid @NotNull(message = "hub.mail.from is required (environment variable HUB_MAIL_FROM)") Mail mail,
        @Valid @NotNull @DefaultValue Webhooks webhooks,
        @Valid @NotNull @DefaultValue Notifications notifications,
        @Valid @NotNull @DefaultValue Outbox outbox,
        @Valid @NotNull @DefaultValue Inbox inbox,
        @Valid @NotNull @DefaultValue Timers timers,
        @Valid @NotNull @DefaultValue Api api,
        @Valid @NotNull @DefaultValue Lawpay lawpay,
        @Valid @NotNull @DefaultValue Google google,
        @Valid @NotNull @DefaultValue MyCase mycase,
        @Valid @NotNull @DefaultValue Intake intake,
        @Valid @NotNull @DefaultValue MatterStatus statusUpdates) {

    /** The Clio keys are needed only when Clio is the practice-management system. */
    @AssertTrue(message = "hub.clio.access-token is required when hub.practice-management=clio")
    public boolean isClioAccessTokenPresent() {
        return !"clio".equals(practiceManagement) || clio != null && !isBlank(clio.accessToken());
    }

    /** The MyCase keys are needed only when MyCase is the practice-management system. */
    @AssertTrue(message = "hub.mycase.access-token or hub.mycase.refresh-token is required when hub.practice-management=mycase")
    public boolean isMycaseTokenPresent() {
        return !"mycase".equals(practiceManagement)
                || mycase != null && (!isBlank(mycase.accessToken()) || !isBlank(mycase.refreshToken()));
    }

    public record Firm(@NotBlank(message = "hub.firm.name is required (environment variable HUB_FIRM_NAME)") String name,
                       @NotBlank(message = "hub.firm.time-zone is required (environment variable HUB_FIRM_TIMEZONE)") @DefaultValue("America/New_York") String timeZone) {
        @AssertTrue(message = "hub.firm.time-zone must be an IANA zone id such as America/New_York")
        public boolean isTimeZoneValid() {
            return isZone(timeZone);
        }

        public ZoneId zone() {
            return ZoneId.of(timeZone);
        }
    }

    public record Clio(
            @NotBlank(message = "hub.clio.base-url is required (environment variable HUB_CLIO_BASEURL)") @DefaultValue("https://app.clio.com/api/v4") @Pattern(regexp = "https?://\\S+", message = "hub.clio.base-url must be an http(s) URL") String baseUrl,
            @DefaultValue("") String accessToken,
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
            @NotBlank(message = "hub.twilio.base-url is required (environment variable HUB_TWILIO_BASEURL)") @DefaultValue("https://api.twilio.com") @Pattern(regexp = "https?://\\S+", message = "hub.twilio.base-url must be an http(s) URL") String baseUrl,
            @NotBlank(message = "hub.twilio.account-sid is required (environment variable HUB_TWILIO_ACCOUNTSID)") @Pattern(regexp = "AC\\w+", message = "hub.twilio.account-sid must be a Twilio Account SID (AC...)") String accountSid,
            @NotBlank(message = "hub.twilio.auth-token is required (environment variable HUB_TWILIO_AUTHTOKEN)") String authToken,
            @NotBlank(message = "hub.twilio.from-number is required (environment variable HUB_TWILIO_FROMNUMBER)") @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "hub.twilio.from-number must be an E.164 number such as +12015550100") String fromNumber,
            @Min(value = 1, message = "hub.twilio.messages-per-second must be at least 1") @DefaultValue("1") double messagesPerSecond) {
    }

    public record Mail(@NotBlank(message = "hub.mail.from is required (environment variable HUB_MAIL_FROM)") String from, @DefaultValue("5") @Min(1) double messagesPerSecond) {
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
            @DefaultValue("24h") Duration retryFor,
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
            @DefaultValue("5000") @Min(100) long sweepIntervalMillis,
            @DefaultValue("true") boolean processAtEdge,
            @DefaultValue("24h") Duration retryFor) {
    }

    public record Timers(@DefaultValue("1000") @Min(50) long pollIntervalMillis, @DefaultValue("2m") Duration claimTimeout) {
    }

    /**
     * LawPay / AffiniPay gateway. The connector is off while {@code secretKey} is blank: the webhook answers 503.
     * The gateway publishes no rate limit; {@code requestsPerMinute} is our own pacing, not a vendor figure.
     * Webhook deliveries are unsigned hints and may be lost, so the Events API is also polled every
     * {@code pollIntervalMillis} ({@code pollEvents}), from the stored high-water mark minus {@code pollOverlap}
     * (the first time: {@code pollLookBack} ago), {@code pollPageSize} events a page, at most {@code pollMaxPages} a poll.
     */
    public record Lawpay(
            @NotBlank(message = "hub.lawpay.base-url is required (environment variable HUB_LAWPAY_BASEURL)") @DefaultValue("https://api.affinipay.com") @Pattern(regexp = "https?://\\S+", message = "hub.lawpay.base-url must be an http(s) URL") String baseUrl,
            String secretKey,
            @Pattern(regexp = "(https?://\\S+)?", message = "hub.lawpay.payment-page-url must be an http(s) URL") String paymentPageUrl,
            @Min(value = 1, message = "hub.lawpay.requests-per-minute must be at least 1") @DefaultValue("60") int requestsPerMinute,
            @DefaultValue("true") boolean pollEvents,
            @Min(value = 1000, message = "hub.lawpay.poll-interval-millis must be at least 1000") @DefaultValue("300000") long pollIntervalMillis,
            @NotNull @DefaultValue("10m") Duration pollOverlap,
            @NotNull @DefaultValue("1d") Duration pollLookBack,
            @Min(value = 1, message = "hub.lawpay.poll-page-size must be at least 1") @DefaultValue("20") int pollPageSize,
            @Min(value = 1, message = "hub.lawpay.poll-max-pages must be at least 1") @DefaultValue("50") int pollMaxPages) {

        public boolean enabled() {
            return secretKey != null && !secretKey.isBlank();
        }

        /** Polling of the Events API: on when LawPay is configured, unless switched off. */
        public boolean polls() {
            return enabled() && pollEvents;
        }

        @AssertTrue(message = "hub.lawpay.poll-overlap and hub.lawpay.poll-look-back must not be negative")
        public boolean isPollWindowValid() {
            return (pollOverlap == null || !pollOverlap.isNegative()) && (pollLookBack == null || !pollLookBack.isNegative());
        }
    }

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
    public record Google(
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

        public Google {
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
    public record MyCase(
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
    }

    /**
     * Missed-call recovery and lead intake (issue #5). Business hours, matter types, practice areas and attorneys are
     * integrator rules in {@code routes/intake.rules.yaml}; these are the hub's own settings. A blank
     * {@code bookingSecret} makes the hub sign booking links with a random key per process (links then die on
     * restart and differ between instances): set it in any deployment.
     */
    public record Intake(
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
            @Valid @NotNull @DefaultValue IntakeMailbox mailbox) {

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
    }

    /**
     * The intake mailbox ({@code hub.intake.mailbox.*}): an IMAP(S) mailbox whose new messages become leads (unknown
     * senders) or notes on the sender's matter (clients). Off unless {@code enabled}; then host, username and password
     * are required. {@code address} is the mailbox's own address (default: the username when it is one): mail from it
     * or from {@code hub.mail.from} is the hub's own and never a lead. Messages over {@code maxMessageBytes} are
     * refused; the enquiry text kept from a message is cut at {@code maxTextChars}.
     */
    public record IntakeMailbox(
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

    /**
     * Bearer token for /api/** (staff and operator API). Empty disables the API. The operator token opens the
     * operator's actuator endpoints (Jolokia, Prometheus, metrics); empty means the API token does.
     */
    public record Api(@DefaultValue("") String token, @DefaultValue("") String operatorToken) {

        /** The token the operator endpoints take: the operator token when set, else the API token. */
        public String effectiveOperatorToken() {
            return operatorToken.isBlank() ? token : operatorToken;
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
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
