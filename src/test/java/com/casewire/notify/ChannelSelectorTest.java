package com.casewire.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class ChannelSelectorTest {

    private static final Set<Channel> ALL = EnumSet.allOf(Channel.class);
    private static final BiPredicate<Channel, String> NOBODY_OPTED_OUT = (channel, address) -> false;
    private static final String MATTER = "m-1";

    private static Contact contact(String email, String mobile, Channel preferred) {
        return new Contact("c-1", "Jane Client", "Jane", email, mobile, preferred, "America/New_York");
    }

    @Test
    void preferredChannelWinsWhenPossible() {
        ChannelSelector selector = new ChannelSelector(List.of(Channel.SMS, Channel.EMAIL, Channel.PORTAL), NOBODY_OPTED_OUT);

        ChannelSelector.Choice choice = selector.choose(contact("jane@example.com", "+12015550100", Channel.EMAIL), MATTER, ALL);

        assertThat(choice.channel()).contains(Channel.EMAIL);
        assertThat(choice.skipped()).isEmpty();
    }

    @Test
    void withoutPreferenceFallbackOrderDecides() {
        ChannelSelector selector = new ChannelSelector(List.of(Channel.PORTAL, Channel.EMAIL, Channel.SMS), NOBODY_OPTED_OUT);

        assertThat(selector.choose(contact("jane@example.com", "+12015550100", null), MATTER, ALL).channel())
                .contains(Channel.PORTAL);
    }

    @Test
    void impossiblePreferenceFallsBackInFirmOrder() {
        ChannelSelector selector = new ChannelSelector(List.of(Channel.PORTAL, Channel.EMAIL, Channel.SMS), NOBODY_OPTED_OUT);

        // prefers SMS but has no mobile: next is PORTAL, but there is no matter; then EMAIL
        ChannelSelector.Choice choice = selector.choose(contact("jane@example.com", null, Channel.SMS), null, ALL);

        assertThat(choice.channel()).contains(Channel.EMAIL);
        assertThat(choice.skipped()).containsExactly("sms: no mobile number", "portal: no matter to post on");
    }

    @Test
    void smsSkippedWithoutMobileNumber() {
        ChannelSelector selector = new ChannelSelector(List.of(Channel.SMS, Channel.EMAIL), NOBODY_OPTED_OUT);

        ChannelSelector.Choice choice = selector.choose(contact("jane@example.com", null, null), MATTER, ALL);

        assertThat(choice.channel()).contains(Channel.EMAIL);
        assertThat(choice.skipped()).containsExactly("sms: no mobile number");
    }

    @Test
    void smsSkippedWhenOptedOutThenEmail() {
        List<String> asked = new ArrayList<>();
        BiPredicate<Channel, String> optedOut = (channel, address) -> {
            asked.add(channel.id() + "=" + address);
            return channel == Channel.SMS && address.equals("+12015550100");
        };
        ChannelSelector selector = new ChannelSelector(List.of(Channel.SMS, Channel.EMAIL), optedOut);

        ChannelSelector.Choice choice = selector.choose(contact("jane@example.com", "+12015550100", Channel.SMS), MATTER, ALL);

        assertThat(choice.channel()).contains(Channel.EMAIL);
        assertThat(choice.skipped()).containsExactly("sms: opted out of SMS");
        assertThat(asked).containsExactly("sms=+12015550100", "email=jane@example.com");
    }

    @Test
    void emailOptOutAlsoBlocksPortalNudge() {
        BiPredicate<Channel, String> optedOut = (channel, address) -> channel == Channel.EMAIL;
        ChannelSelector selector = new ChannelSelector(List.of(Channel.PORTAL, Channel.EMAIL, Channel.SMS), optedOut);

        ChannelSelector.Choice choice = selector.choose(contact("jane@example.com", "+12015550100", null), MATTER, ALL);

        assertThat(choice.channel()).contains(Channel.SMS);
        assertThat(choice.skipped()).containsExactly("portal: opted out of email", "email: opted out of email");
    }

    @Test
    void portalNeedsMatterAndEmail() {
        ChannelSelector portalOnly = new ChannelSelector(List.of(Channel.PORTAL), NOBODY_OPTED_OUT);

        assertThat(portalOnly.choose(contact("jane@example.com", null, null), MATTER, ALL).channel())
                .contains(Channel.PORTAL);

        ChannelSelector.Choice noMatter = portalOnly.choose(contact("jane@example.com", null, null), null, ALL);
        assertThat(noMatter.channel()).isEmpty();
        assertThat(noMatter.skipped()).containsExactly("portal: no matter to post on");

        ChannelSelector.Choice noEmail = portalOnly.choose(contact(null, null, null), MATTER, ALL);
        assertThat(noEmail.channel()).isEmpty();
        assertThat(noEmail.skipped()).containsExactly("portal: no email address for the portal nudge");
    }

    @Test
    void nothingPossibleGivesEmptyChoiceWithEveryReason() {
        ChannelSelector selector = new ChannelSelector(List.of(Channel.SMS, Channel.EMAIL, Channel.PORTAL), NOBODY_OPTED_OUT);

        ChannelSelector.Choice choice = selector.choose(contact(null, null, Channel.PORTAL), MATTER, ALL);

        assertThat(choice.channel()).isEmpty();
        // the preference comes first and is listed once even though it is also in the fallback order
        assertThat(choice.skipped()).containsExactly(
                "portal: no email address for the portal nudge",
                "sms: no mobile number",
                "email: no email address");
    }

    @Test
    void allowedSetIsRespected() {
        ChannelSelector selector = new ChannelSelector(List.of(Channel.SMS, Channel.EMAIL, Channel.PORTAL), NOBODY_OPTED_OUT);
        Contact reachableEverywhere = contact("jane@example.com", "+12015550100", Channel.SMS);

        ChannelSelector.Choice choice = selector.choose(reachableEverywhere, MATTER, EnumSet.of(Channel.PORTAL));

        assertThat(choice.channel()).contains(Channel.PORTAL);
        assertThat(choice.skipped()).containsExactly("sms: not allowed for this message", "email: not allowed for this message");

        ChannelSelector.Choice none = selector.choose(reachableEverywhere, MATTER, EnumSet.noneOf(Channel.class));
        assertThat(none.channel()).isEmpty();
        assertThat(none.skipped()).hasSize(3).allMatch(r -> r.endsWith("not allowed for this message"));
    }

    @Test
    void preferredChannelOutsideFallbackOrderIsStillTried() {
        ChannelSelector selector = new ChannelSelector(List.of(Channel.EMAIL), NOBODY_OPTED_OUT);

        assertThat(selector.choose(contact("jane@example.com", "+12015550100", Channel.SMS), MATTER, ALL).channel())
                .contains(Channel.SMS);
    }
}
