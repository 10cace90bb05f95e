package com.casewire.twilio;

import com.casewire.canonical.Channel;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an inbound text asks for. Twilio's own keywords (STOP, UNSUBSCRIBE, END, QUIT, STOPALL, REVOKE,
 * OPTOUT, CANCEL; START, YES, UNSTOP; HELP, INFO) match as single words, any case. Since April 2025 an
 * opt-out "by any reasonable means" must be honoured, so a short message that starts with an opt-out
 * word ("Stop please", "unsubscribe me") is an opt-out too. A reply that is only a channel word (EMAIL,
 * E-MAIL, TEXT, SMS, PORTAL) sets the client's channel preference; the keywords above always win.
 */
public final class SmsKeywords {

    public enum Intent { OPT_OUT, OPT_IN, HELP, CHANNEL_PREFERENCE, MESSAGE }

    static final Set<String> OPT_OUT = Set.of("STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "REVOKE", "OPTOUT", "CANCEL");
    static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    static final Set<String> HELP = Set.of("HELP", "INFO");
    private static final int SHORT_MESSAGE_WORDS = 4;

    private SmsKeywords() {
    }

    public static Intent classify(String body) {
        if (body == null) {
            return Intent.MESSAGE;
        }
        String[] words = body.toUpperCase(Locale.ROOT).replaceAll("[^A-Z ]", " ").trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return Intent.MESSAGE;
        }
        if (words.length == 1) {
            if (OPT_OUT.contains(words[0])) {
                return Intent.OPT_OUT;
            }
            if (OPT_IN.contains(words[0])) {
                return Intent.OPT_IN;
            }
            if (HELP.contains(words[0])) {
                return Intent.HELP;
            }
        }
        if (OPT_OUT.contains(words[0]) && words.length <= SHORT_MESSAGE_WORDS) {
            return Intent.OPT_OUT;
        }
        return preference(body).isPresent() ? Intent.CHANNEL_PREFERENCE : Intent.MESSAGE;
    }

    /** The channel a reply that is only a channel word asks for ("EMAIL", "e-mail", "Text"). */
    public static Optional<Channel> preference(String body) {
        if (body == null || body.strip().split("\\s+").length > 2) {
            return Optional.empty();
        }
        return Channel.fromWords(body);
    }
}
