package com.casewire.gcal;

import com.casewire.audit.LogMask;
import com.casewire.config.HubProperties;
import com.casewire.schedule.DurableTimers;
import com.casewire.schedule.TimerHandler;
import com.casewire.vendor.VendorException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one events.watch push channel per calendar in {@code hub.google.calendar-ids}, pointing at
 * {@code hub.public-base-url}/webhooks/google-calendar. {@link #ensure()} (route {@code gcal-renew-channels} every 10
 * minutes, and once at start) asks for a channel where there is none or where the current one expires within
 * {@code hub.google.channel-renew-before}; the watch itself runs as a durable timer, so with several hub instances
 * only one opens it and a failed call is retried. A renewal opens the new channel first, then stops the old one
 * (channels/stop); a stop that fails is retried on the next run until the old channel expires.
 */
@Component("gcalPushChannels")
public class GcalPushChannels {

    private static final Logger log = LoggerFactory.getLogger(GcalPushChannels.class);

    static final String WATCH_TIMER = "gcal-watch";
    static final String PATH = "/webhooks/google-calendar";

    private final GoogleCalendarClient client;
    private final GcalChannelStore channels;
    private final DurableTimers timers;
    private final HubProperties hub;
    private final GoogleProperties google;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    GcalPushChannels(GoogleCalendarClient client, GcalChannelStore channels, DurableTimers timers, HubProperties hub,
                     GoogleProperties google, Clock clock) {
        this.client = client;
        this.channels = channels;
        this.timers = timers;
        this.hub = hub;
        this.google = google;
        this.clock = clock;
    }

    /**
     * Also once when the application is ready: Camel's quartz consumer may skip a trigger's first firing while the
     * context is still starting, and the schedule's next firing is minutes away. Only database work happens here; the
     * watch itself waits for the timer poller.
     */
    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        try {
            ensure();
        } catch (RuntimeException e) {
            log.warn("google calendar push channels not checked at start, the schedule tries again: {}", e.toString());
        }
    }

    /** Schedules the watches that are due, retries pending stops, stops channels of calendars no longer configured. */
    public int ensure() {
        if (!google.enabled() || !google.push()) {
            return 0;
        }
        String address = address();
        if (!address.startsWith("https://") && google.baseUrl().startsWith("https://www.googleapis.com")) {
            log.warn("Google Calendar push not set up: Google accepts only https addresses and hub.public-base-url is {}; "
                    + "calendars are synced every {} ms instead", hub.publicBaseUrl(), google.syncIntervalMillis());
            return 0;
        }
        Instant now = clock.instant();
        int scheduled = 0;
        for (String calendarId : google.calendarIds()) {
            Optional<GcalChannelStore.Channel> current = channels.active(calendarId);
            if (current.isEmpty() || dueForRenewal(current.get(), now)) {
                String key = WATCH_TIMER + ":" + CalendarChanges.digest(calendarId) + ":"
                        + current.map(GcalChannelStore.Channel::channelId).orElse("none") + ":" + LocalDate.ofInstant(now, ZoneOffset.UTC);
                if (timers.stateOf(key) == null && timers.schedule(key, WATCH_TIMER, now, calendarId)) {
                    scheduled++;
                }
            }
        }
        Set<String> configured = new HashSet<>(google.calendarIds());
        for (GcalChannelStore.Channel channel : channels.inState(GcalChannelStore.State.ACTIVE)) {
            if (!configured.contains(channel.calendarId())) {
                channels.setState(channel.channelId(), GcalChannelStore.State.REPLACED);
            }
        }
        for (GcalChannelStore.Channel old : channels.inState(GcalChannelStore.State.REPLACED)) {
            stop(old, now);
        }
        return scheduled;
    }

    private boolean dueForRenewal(GcalChannelStore.Channel channel, Instant now) {
        return !channel.expiresAt().isAfter(now.plus(google.channelRenewBefore()));
    }

    /**
     * Opens a new channel for the calendar unless its current one is still good (another instance or an earlier
     * attempt renewed it), then stops the channel it replaces.
     */
    void watch(String calendarId) {
        Instant now = clock.instant();
        Optional<GcalChannelStore.Channel> current = channels.active(calendarId);
        if (current.isPresent() && !dueForRenewal(current.get(), now)) {
            return;
        }
        String channelId = "casewire-" + UUID.randomUUID(); // 45 characters; Google allows 64
        String token = token();
        GoogleCalendarClient.WatchedChannel granted = client.watch(calendarId, channelId, address(), token,
                now.plus(google.channelLifetime()));
        channels.insert(channelId, calendarId, token, granted.resourceId(), granted.expiration());
        log.info("google calendar {}: push channel {} open until {}", LogMask.text(calendarId), channelId, granted.expiration());
        current.ifPresent(old -> {
            channels.setState(old.channelId(), GcalChannelStore.State.REPLACED);
            stop(old, now);
        });
    }

    private void stop(GcalChannelStore.Channel channel, Instant now) {
        if (!channel.expiresAt().isAfter(now) || channel.resourceId() == null) {
            channels.setState(channel.channelId(), GcalChannelStore.State.STOPPED); // Google has closed it already
            return;
        }
        try {
            client.stopChannel(channel.channelId(), channel.resourceId());
            channels.setState(channel.channelId(), GcalChannelStore.State.STOPPED);
        } catch (VendorException e) {
            if (e.httpStatus() == 404) {
                channels.setState(channel.channelId(), GcalChannelStore.State.STOPPED);
            } else {
                log.warn("google calendar {}: stopping channel {} failed, retried on the next run: {}",
                        LogMask.text(channel.calendarId()), channel.channelId(), e.getMessage());
            }
        }
    }

    String address() {
        return hub.publicBaseUrl() + PATH;
    }

    /** 32 random bytes, base64url: the shared secret Google echoes in X-Goog-Channel-Token. */
    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Runs a scheduled watch; a failure puts it back for a later attempt. */
    @Component
    static class WatchTimer implements TimerHandler {

        private final GcalPushChannels push;

        WatchTimer(GcalPushChannels push) {
            this.push = push;
        }

        @Override
        public String kind() {
            return WATCH_TIMER;
        }

        @Override
        public void run(String actionKey, String calendarId) {
            push.watch(calendarId);
        }
    }
}
