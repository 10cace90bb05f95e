package com.casewire.webhook;

import com.casewire.outbox.Outbox;
import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundMessage;
import com.casewire.vendor.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The durable webhook channel's way in: a route step {@code to: direct:outbox-webhook} becomes an outbox row, stored in
 * the route's own transaction (so an event processed twice queues it once) and posted after it commits, retried,
 * paced, dead-lettered and replayable like a text. The step reads these headers and leaves the body and the other
 * headers as they were:
 * <ul>
 *   <li>{@code casewireWebhookUrl} (required): where to post; https, and a host in
 *       {@code hub.outbound-webhooks.allowed-hosts} when that list is set;</li>
 *   <li>{@code casewireWebhookBody} (required): what to post;</li>
 *   <li>{@code casewireWebhookMethod}: POST (default), PUT or PATCH;</li>
 *   <li>{@code casewireWebhookContentType}: default {@code application/json};</li>
 *   <li>{@code casewireWebhookKey}: what makes the post unique; by default the event being processed
 *       ({@code casewireDedupeKey}), the route and the URL, so a redelivered event does not post twice.</li>
 * </ul>
 */
@Component("outboundWebhooks")
public class OutboundWebhooks {

    static final String URL = "casewireWebhookUrl";
    static final String BODY = "casewireWebhookBody";
    static final String METHOD = "casewireWebhookMethod";
    static final String CONTENT_TYPE = "casewireWebhookContentType";
    static final String KEY = "casewireWebhookKey";
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

    private final Outbox outbox;
    private final OutboundWebhookSettings settings;
    private final ObjectMapper json;

    OutboundWebhooks(Outbox outbox, OutboundWebhookSettings settings, ObjectMapper json) {
        this.outbox = outbox;
        this.settings = settings;
        this.json = json;
    }

    /** Queues the post the headers describe; a route's mistake is an {@link IllegalArgumentException} naming it. */
    public void enqueue(Exchange exchange) {
        Message in = exchange.getMessage();
        String url = in.getHeader(URL, String.class);
        String body = in.getHeader(BODY, String.class);
        if (url == null || url.isBlank() || body == null) {
            throw new IllegalArgumentException("direct:outbox-webhook needs the headers " + URL + " and " + BODY);
        }
        URI target = target(url.strip());
        String method = in.getHeader(METHOD, "POST", String.class).strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException(METHOD + " must be one of " + METHODS + ", not " + method);
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > settings.maxBodyBytes()) {
            throw new IllegalArgumentException("the webhook body is larger than hub.outbound-webhooks.max-body-bytes ("
                    + settings.maxBodyBytes() + ")");
        }
        String contentType = in.getHeader(CONTENT_TYPE, "application/json", String.class);
        String key = in.getHeader(KEY, String.class);
        if (key == null || key.isBlank()) {
            String event = in.getHeader("casewireDedupeKey", String.class);
            if (event == null) {
                throw new IllegalArgumentException("set " + KEY + ": outside an event (a timer, an API call) nothing "
                        + "else tells one post from its repeat");
            }
            key = event + ":" + exchange.getFromRouteId() + ":" + target;
        }
        String payload;
        try {
            payload = json.writeValueAsString(new WebhookRequest(method, contentType, body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        outbox.enqueue("webhook:" + Sha256.hex(key), OutboundMessage.of(MessageKind.WEBHOOK, target.toString(), null, payload)
                .withMatter(in.getHeader("casewireMatterId", String.class)).withWorkflow("integrator").withChannel("webhook"));
        for (String header : new String[] {URL, BODY, METHOD, CONTENT_TYPE, KEY}) {
            in.removeHeader(header);
        }
    }

    private URI target(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL + " is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || (scheme.equals("http") && settings.allowHttp())) || uri.getHost() == null) {
            throw new IllegalArgumentException(URL + " must be an https URL" + (settings.allowHttp() ? " or http" : "")
                    + ": " + url);
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(URL + " must not carry credentials; use a secret in the URL's path");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!settings.allowedHosts().isEmpty() && settings.allowedHosts().stream().noneMatch(allowed -> matches(allowed, host))) {
            throw new IllegalArgumentException(URL + " names a host outside hub.outbound-webhooks.allowed-hosts: " + host);
        }
        return uri;
    }

    static boolean matches(String allowed, String host) {
        String a = allowed.strip().toLowerCase(Locale.ROOT);
        return a.startsWith("*.") ? host.endsWith(a.substring(1)) : host.equals(a);
    }
}
