package com.casewire.timeentry;

import com.casewire.canonical.Channel;
import com.casewire.canonical.InboundSms;
import com.casewire.canonical.Notification;
import com.casewire.canonical.PhoneNumbers;
import com.casewire.canonical.Recipient;
import com.casewire.staff.Staff;
import com.casewire.staff.StaffDirectory;
import com.casewire.twilio.SmsKeywords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A staff member's text to the firm's number: a duration ({@code 1.2}, {@code LOG 1.2 drafted motion}, {@code 45m})
 * records the time on their most recent open prompt and is confirmed; anything else gets a short help reply. Texts
 * from anyone not in staff.yaml with a mobile, and opt-out keywords, are not this workflow's (null).
 */
public class TimeEntryReplies {

    private static final Logger log = LoggerFactory.getLogger(TimeEntryReplies.class);

    private final StaffDirectory directory;
    private final TimeEntryPrompts prompts;
    private final PromptStore store;
    private final String defaultRegion;

    TimeEntryReplies(StaffDirectory directory, TimeEntryPrompts prompts, PromptStore store, String defaultRegion) {
        this.directory = directory;
        this.prompts = prompts;
        this.store = store;
        this.defaultRegion = defaultRegion;
    }

    public Notification handle(@Body InboundSms sms) {
        if (sms == null || SmsKeywords.classify(sms.body()) != SmsKeywords.Intent.MESSAGE) {
            return null;
        }
        Optional<Staff> sender = PhoneNumbers.toE164(sms.from(), defaultRegion).flatMap(directory::byMobile);
        if (sender.isEmpty()) {
            return null;
        }
        Staff person = sender.get();
        String key = "time-entry:reply:" + sms.messageSid();
        Optional<PromptStore.Prompt> open = store.latestOpenFor(person.practiceUserId());
        Optional<DurationReply> duration = DurationReply.parse(sms.body());
        if (open.isEmpty() || duration.isEmpty()) {
            log.info("text {} from staff user {}: {}", sms.messageSid(), person.practiceUserId(),
                    open.isEmpty() ? "no prompt is waiting for time" : "not a duration, help sent");
            return smsReply(key, person, open.isEmpty() ? "nothing-open" : "help", Map.of());
        }
        TimeEntryPrompts.Recorded recorded = prompts.record(open.get(), duration.get().seconds(), duration.get().note(), "sms");
        Map<String, String> model = new HashMap<>(prompts.describe(open.get()));
        model.put("recorded.hours", TimeEntryPrompts.hours(recorded.seconds()));
        return smsReply(key, person, "recorded", model);
    }

    /** A reply to staff on SMS (confirmation or help): always by text, outside quiet hours rules. */
    private static Notification smsReply(String key, Staff person, String milestone, Map<String, String> model) {
        var contact = person.asContact().withPreferredChannel(Channel.SMS);
        Map<String, String> m = new HashMap<>(model);
        m.put("attorney.firstName", person.firstName());
        return new Notification(key, TimeEntryPrompts.WORKFLOW, milestone, null, null, new Recipient(contact, "attorney"), m,
                false, false, List.of(Channel.SMS.id()), null);
    }
}
