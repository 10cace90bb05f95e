package com.casewire.twilio;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogEntry;
import com.casewire.audit.LogMask;
import com.casewire.canonical.Channel;
import com.casewire.canonical.InboundSms;
import com.casewire.db.AfterCommit;
import com.casewire.notify.ChannelPreferences;
import com.casewire.notify.OptOutList;
import com.casewire.outbox.OutboundMessage;
import com.casewire.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Beans for inbound texts: the normalizer (stored form body to {@link InboundSms}) and the handler behind
 * the {@code hub-record-inbound-sms} route. Every inbound text goes on the communication log; STOP and
 * its synonyms put the sender on the opt-out list, START takes them off; any other reply is written on
 * the matter of the latest message the hub sent to that number; a reply that is only a channel word (EMAIL,
 * TEXT, PORTAL) stores that channel as the sender's preference. (Replies from unknown numbers become
 * leads with the intake workflow.)
 */
@Component("inboundSms")
public class InboundSmsHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundSmsHandler.class);

    private final OptOutList optOuts;
    private final CommunicationLog commLog;
    private final ChainSealer sealer;
    private final Outbox outbox;
    private final Clock clock;
    private final ChannelPreferences preferences;

    InboundSmsHandler(OptOutList optOuts, CommunicationLog commLog, ChainSealer sealer, Outbox outbox, Clock clock,
                      ChannelPreferences preferences) {
        this.preferences = preferences;
        this.optOuts = optOuts;
        this.commLog = commLog;
        this.sealer = sealer;
        this.outbox = outbox;
        this.clock = clock;
    }

    public InboundSms normalize(@Body String formBody, @Header("casewireReceivedAt") Instant receivedAt) {
        Map<String, List<String>> params = FormBody.parse(formBody);
        return new InboundSms(FormBody.first(params, "MessageSid"), FormBody.first(params, "From"),
                FormBody.first(params, "To"), FormBody.first(params, "Body"), receivedAt);
    }

    public void handle(@Body InboundSms sms) {
        SmsKeywords.Intent intent = SmsKeywords.classify(sms.body());
        String matterId = commLog.latestMatterFor(sms.from()).orElse(null);
        commLog.record(new LogEntry("inbound:" + sms.messageSid(), sms.receivedAt(), matterId, null, sms.from(), "sms",
                "inbound", null, null, sms.body() == null ? "" : sms.body(), "RECEIVED", sms.messageSid(), null));
        AfterCommit.run(sealer::requestSeal);
        switch (intent) {
            case OPT_OUT -> {
                optOuts.optOut(Channel.SMS, sms.from(), "sms-keyword", clock.instant());
                log.info("{} opted out of SMS", LogMask.phone(sms.from()));
            }
            case OPT_IN -> {
                optOuts.optIn(Channel.SMS, sms.from());
                log.info("{} opted back in to SMS", LogMask.phone(sms.from()));
            }
            case HELP -> log.info("{} asked for help by SMS", LogMask.phone(sms.from()));
            case CHANNEL_PREFERENCE -> {
                Channel channel = SmsKeywords.preference(sms.body()).orElseThrow();
                preferences.set(ChannelPreferences.phoneKey(sms.from()), channel, "sms-reply", clock.instant());
                log.info("{} asked for updates by {}", LogMask.phone(sms.from()), channel.id());
                if (matterId != null) {
                    outbox.enqueue("sms-reply:" + sms.messageSid(), OutboundMessage.matterNote(matterId,
                            "Client asked for updates by " + channel.id(), "Text from " + sms.from() + " received "
                            + sms.receivedAt() + ": \"" + sms.body().strip() + "\". The hub will use " + channel.id()
                            + " for this client's updates unless the matter's preference field says otherwise.")
                            .withWorkflow("inbound"));
                }
            }
            case MESSAGE -> {
                if (matterId != null) {
                    outbox.enqueue("sms-reply:" + sms.messageSid(), OutboundMessage.matterNote(matterId,
                            "Client replied by SMS", "Text from " + sms.from() + " received " + sms.receivedAt()
                            + ":\n\n" + sms.body()).withWorkflow("inbound"));
                } else {
                    log.info("text from {} matches no matter; kept on the communication log", LogMask.phone(sms.from()));
                }
            }
        }
    }
}
