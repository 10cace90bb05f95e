package com.casewire.twilio;

import com.casewire.canonical.Channel;
import com.casewire.config.HubProperties;
import com.casewire.notify.OptOutList;
import com.casewire.outbox.OutboundChannel;
import com.casewire.outbox.OutboundMessage;
import com.casewire.vendor.RatePacer;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * SMS through Twilio's Messages resource: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json},
 * form encoded, HTTP Basic with the Account SID and Auth Token. Paced at
 * {@code hub.twilio.messages-per-second}. Error bodies are {"code","message","more_info","status"}.
 */
@Component
class TwilioSmsChannel implements OutboundChannel {

    static final String VENDOR = "twilio";
    /** The recipient replied STOP: Twilio refuses every message to them until they reply START. */
    static final String UNSUBSCRIBED = "21610";

    private final HubProperties hub;
    private final VendorHttp http;
    private final RatePacer pacer;
    private final ObjectMapper json;
    private final OptOutList optOuts;
    private final Clock clock;
    private final String authorization;
    private final URI messagesUri;

    TwilioSmsChannel(HubProperties hub, VendorHttp http, ObjectMapper json, OptOutList optOuts, Clock clock) {
        this.hub = hub;
        this.http = http;
        this.json = json;
        this.optOuts = optOuts;
        this.clock = clock;
        this.pacer = new RatePacer(VENDOR, hub.twilio().messagesPerSecond());
        HubProperties.Twilio twilio = hub.twilio();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
        this.messagesUri = URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/" + twilio.accountSid() + "/Messages.json");
    }

    @Override
    public String kind() {
        return OutboundMessage.SMS;
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public boolean resendWhenOutcomeUnknown() {
        return false;
    }

    RatePacer pacer() {
        return pacer;
    }

    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to());
        form.put("From", hub.twilio().fromNumber());
        form.put("Body", message.body());
        if (hub.publicBaseUrl().startsWith("https://")) {
            form.put("StatusCallback", hub.publicBaseUrl() + "/webhooks/twilio/message-status");
        }
        HttpRequest request = http.request(messagesUri)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
        try {
            // 401/403: wrong credentials are an operator's fix, not the recipient's fault: retry, then dead-letter
            String body = http.send(VENDOR, pacer, request, this::errorDetail, 401, 403).body();
            return read(body).path("sid").asText();
        } catch (VendorException e) {
            if (UNSUBSCRIBED.equals(e.vendorCode())) {
                optOuts.optOut(Channel.SMS, message.to(), "twilio-21610", clock.instant());
            }
            throw e;
        }
    }

    private VendorHttp.ErrorDetail errorDetail(String body) {
        JsonNode error = read(body);
        return new VendorHttp.ErrorDetail(error.path("code").isMissingNode() ? null : error.path("code").asText(),
                error.path("message").asText(null));
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new VendorException(VENDOR, false, 0, null, "response is not JSON", null, e);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
