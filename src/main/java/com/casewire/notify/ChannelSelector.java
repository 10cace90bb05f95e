package com.casewire.notify;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.canonical.PhoneNumbers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Picks the channel for a recipient: their preference first, then the firm's fallback order, skipping
 * channels that are impossible (no mobile number, no email, no matter for a portal note, opted out).
 */
final class ChannelSelector {

    /** The chosen channel and, for the record, why the ones before it were skipped. */
    public record Choice(Optional<Channel> channel, List<String> skipped) {
    }

    private final List<Channel> fallbackOrder;
    private final BiPredicate<Channel, String> optedOut;

    ChannelSelector(List<Channel> fallbackOrder, BiPredicate<Channel, String> optedOut) {
        this.fallbackOrder = List.copyOf(fallbackOrder);
        this.optedOut = optedOut;
    }

    public Choice choose(Contact contact, String matterId, Set<Channel> allowed) {
        Set<Channel> order = new LinkedHashSet<>();
        if (contact.preferredChannel() != null) {
            order.add(contact.preferredChannel());
        }
        order.addAll(fallbackOrder);
        List<String> skipped = new ArrayList<>();
        for (Channel channel : order) {
            if (!allowed.contains(channel)) {
                skipped.add(channel.id() + ": not allowed for this message");
                continue;
            }
            Optional<String> reason = impossible(channel, contact, matterId);
            if (reason.isPresent()) {
                skipped.add(channel.id() + ": " + reason.get());
                continue;
            }
            return new Choice(Optional.of(channel), skipped);
        }
        return new Choice(Optional.empty(), skipped);
    }

    private Optional<String> impossible(Channel channel, Contact contact, String matterId) {
        return switch (channel) {
            case SMS -> contact.mobilePhone() == null ? Optional.of("no mobile number")
                    : PhoneNumbers.isWithheld(contact.mobilePhone()) ? Optional.of("the number is a withheld caller ID")
                    : optedOut.test(Channel.SMS, contact.mobilePhone()) ? Optional.of("opted out of SMS") : Optional.empty();
            case EMAIL -> contact.email() == null ? Optional.of("no email address")
                    : optedOut.test(Channel.EMAIL, contact.email()) ? Optional.of("opted out of email") : Optional.empty();
            // the portal note is read in the client portal; the nudge that points to it goes by email
            case PORTAL -> matterId == null ? Optional.of("no matter to post on")
                    : contact.email() == null ? Optional.of("no email address for the portal nudge")
                    : optedOut.test(Channel.EMAIL, contact.email()) ? Optional.of("opted out of email") : Optional.empty();
        };
    }
}
