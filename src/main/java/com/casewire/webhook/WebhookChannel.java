package com.casewire.webhook;

import com.casewire.outbox.OutboundChannel;
import com.casewire.outbox.OutboundMessage;
import com.casewire.vendor.RatePacer;
import com.casewire.vendor.Sha256;
import com.casewire.vendor.VendorCalls;
import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.springframework.stereotype.Component;

/**
 * Posts outbound webhook rows through the Camel route {@code outbound-webhook} (camel-http), which answers with the
 * target's status; this channel turns a failure into the outbox's terms. A post cannot be looked up afterwards, so
 * one whose outcome is unknown (a time-out, a connection lost after the request left) is posted again with the same
 * {@code Idempotency-Key} header: the one place where a target may see a post twice, and can tell.
 */
@Component
class WebhookChannel implements OutboundChannel {

    static final String VENDOR = "webhook";
    static final String ROUTE = "direct:outbound-webhook";

    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final RatePacer pacer;
    private final Clock clock;

    WebhookChannel(ProducerTemplate camel, ObjectMapper json, OutboundWebhookSettings settings, Clock clock) {
        this.camel = camel;
        this.json = json;
        this.clock = clock;
        this.pacer = new RatePacer(VENDOR, settings.perSecond());
    }

    @Override
    public String kind() {
        return OutboundWebhooks.KIND;
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        WebhookRequest request = read(message.body());
        VendorCalls.check(VENDOR);
        pacer.acquire();
        Exchange answer = camel.send(ROUTE, exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_URI, message.to());
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, request.method());
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, request.contentType());
            exchange.getMessage().setHeader("Idempotency-Key", Sha256.hex(idempotencyKey));
            exchange.getMessage().setBody(request.payload());
        });
        Exception failure = answer.getException();
        if (failure != null) {
            throw classify(failure);
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return "http-" + status;
        }
        String text = answer.getMessage().getBody(String.class);
        String detail = text == null ? "" : text.strip();
        detail = detail.length() > 300 ? detail.substring(0, 300) : detail;
        Duration retryAfter = VendorHttp.retryAfter(
                Optional.ofNullable(answer.getMessage().getHeader("Retry-After", String.class)), clock.instant()).orElse(null);
        // a 429's Retry-After holds back this row (its back-off honours it), not every target: unlike a vendor's API,
        // one rate-limited chat service says nothing about another
        boolean transientFailure = status == 429 || status == 408 || status >= 500;
        throw new VendorException(VENDOR, transientFailure, status, null, detail.isEmpty() ? "no body" : detail, retryAfter,
                null);
    }

    /** What camel-http threw: nothing left when the connection was never made; unknown once the request may have. */
    static VendorException classify(Exception failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        if (cause instanceof VendorException vendor) {
            return vendor;
        }
        if (cause instanceof HttpHostConnectException || cause instanceof ConnectException
                || cause instanceof ConnectTimeoutException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return new VendorException(VENDOR, true, 0, null, "could not connect: " + cause, null, failure);
        }
        if (cause instanceof InterruptedIOException || cause instanceof IOException) {
            return VendorException.outcomeUnknown(VENDOR, "no answer: " + cause, failure);
        }
        return new VendorException(VENDOR, true, 0, null, failure.toString(), null, failure);
    }

    /** A target cannot be asked whether it has a post: the post is sent again, with the same Idempotency-Key. */
    @Override
    public Optional<String> findSent(OutboundMessage message, String idempotencyKey, Instant claimedAt,
                                     Predicate<String> heldByAnotherRow) {
        return Optional.empty();
    }

    private WebhookRequest read(String body) {
        try {
            return json.readValue(body, WebhookRequest.class);
        } catch (JsonProcessingException e) {
            throw new VendorException(VENDOR, false, 0, null, "unreadable webhook row: " + e.getOriginalMessage(), null, e);
        }
    }
}
