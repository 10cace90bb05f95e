package com.casewire.notify;

import com.casewire.api.ApiAnswers;
import com.casewire.canonical.Channel;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Headers;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The channel-preference part of the staff API ({@code /api/channel-preferences}, REST DSL in
 * {@code camel/api.camel.yaml}): the channel a client chose, kept by the hub in {@link ChannelPreferences}. Query
 * parameters arrive as headers; a JSON body as a map; refusals answer through {@link ApiAnswers}.
 */
@Component("channelPreferenceApi")
public class ChannelPreferenceApi {

    private final ChannelPreferences preferences;
    private final Clock clock;

    ChannelPreferenceApi(ChannelPreferences preferences, Clock clock) {
        this.preferences = preferences;
        this.clock = clock;
    }

    /**
     * Sets a client's channel preference kept by the hub: body {@code {"channel": "sms|email|portal"}} and one of
     * {@code contactId} (the practice-management contact id), {@code phone} (E.164) or {@code email}. It is used
     * when the practice-management preference field is empty. {@code "channel": null} clears it.
     */
    public Object setPreference(Message message) {
        Map<String, Object> body = ApiAnswers.jsonObject(message);
        if (body == null) {
            return ApiAnswers.notAnObject(message);
        }
        Optional<String> key = preferenceKey(body);
        if (key.isEmpty()) {
            return ApiAnswers.refuse(message, 400, "missing_subject", "give one of contactId, phone (E.164) or email");
        }
        String wanted = text(body, "channel");
        if (wanted == null) {
            preferences.clear(key.get());
            return Map.of("subject", key.get(), "channel", "none");
        }
        Optional<Channel> channel = Channel.parse(wanted);
        if (channel.isEmpty()) {
            return ApiAnswers.refuse(message, 400, "unknown_channel",
                    "channel must be sms, email or portal; got '" + ApiAnswers.printable(wanted) + "'");
        }
        preferences.set(key.get(), channel.get(), "api", clock.instant());
        return Map.of("subject", key.get(), "channel", channel.get().id());
    }

    /** The preference kept for one of {@code ?contactId=}, {@code ?phone=} or {@code ?email=}. */
    public Object getPreference(@Headers Map<String, Object> query, Message message) {
        Optional<String> key = preferenceKey(query);
        if (key.isEmpty()) {
            return ApiAnswers.refuse(message, 400, "missing_subject", "give one of contactId, phone (E.164) or email");
        }
        Map<String, Object> out = new HashMap<>();
        out.put("subject", key.get());
        out.put("channel", preferences.find(key.get()).map(ChannelPreferences.Stored::channel).orElse("none"));
        return out;
    }

    private static Optional<String> preferenceKey(Map<String, Object> fields) {
        String contactId = text(fields, "contactId");
        String phone = text(fields, "phone");
        String email = text(fields, "email");
        if (contactId != null && !contactId.isBlank()) {
            return Optional.of(ChannelPreferences.contactKey(contactId.strip()));
        }
        if (phone != null && phone.strip().matches("\\+[1-9]\\d{6,14}")) {
            return Optional.of(ChannelPreferences.phoneKey(phone));
        }
        if (email != null && email.contains("@")) {
            return Optional.of(ChannelPreferences.emailKey(email));
        }
        return Optional.empty();
    }

    /** A field of a JSON body or the query as text: null when absent or JSON null, numbers and booleans as written. */
    private static String text(Map<String, Object> fields, String name) {
        Object value = fields == null ? null : fields.get(name);
        return value == null ? null : value.toString();
    }
}
